using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbit.HostAgent.Audit;
using Orbit.HostAgent.Checkpoints;
using Orbit.HostAgent.Cycle;
using Orbit.HostAgent.Docker;
using Orbit.HostAgent.Hosting;
using Orbit.HostAgent.Notifications;
using Orbit.HostAgent.Reports;
using Orbit.Hosts.Agent;
using Orbit.Hosts.Audit;
using Orbit.Hosts.Enforcement;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>
/// The agent's cycle wired as Program.cs wires it, against a test's Podman, audit log, passwd file, central-service
/// listener and (optionally) SMTP server, with its state in a scratch directory a restarted agent can reuse.
/// </summary>
public sealed class AgentHarness : IAsyncDisposable
{
    public const string HostId = "build-test";
    public const string Secret = "a-test-secret-of-32-characters!!";
    public static readonly IReadOnlyDictionary<long, string> Users = new Dictionary<long, string> { [1001] = "alice", [1002] = "bob", [1003] = "carol", [1004] = "dave", [1005] = "erin" };

    private readonly string directory;
    private readonly HttpClient http = new();

    public AgentHarness(PodmanEngine podman)
    {
        Podman = podman;
        directory = ScratchDirectory.Create("orbit-agent-");
        Audit = new AuditLogWriter(Path.Combine(directory, "audit.log"));
        File.WriteAllText(Audit.Path, "");
        File.WriteAllLines(Path.Combine(directory, "passwd"), Users.Select(user => $"{user.Value}:x:{user.Key}:{user.Key}::/home/{user.Value}:/bin/sh"));
        Central = new CentralServiceListener(HostId, Secret);
        Docker = new DockerEngine(Microsoft.Extensions.Options.Options.Create(new DockerEngineOptions { Endpoint = podman.Endpoint }), TimeProvider.System);
    }

    public PodmanEngine Podman { get; }

    public AuditLogWriter Audit { get; }

    public CentralServiceListener Central { get; }

    public DockerEngine Docker { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public string StateDirectory => Path.Combine(directory, "state");

    public string PasswdPath => Path.Combine(directory, "passwd");

    public string Directory => directory;

    public HostAgentOptions Options(
        IReadOnlyDictionary<string, long>? limits = null,
        EnforcementOrder order = EnforcementOrder.NewestFirst,
        bool dryRun = false,
        long? reservedBytes = null,
        int warnPercent = 80,
        Uri? callbackUrl = null) => new(
            HostId,
            callbackUrl ?? Central.Url,
            Secret,
            order,
            reservedBytes,
            limits ?? new Dictionary<string, long>(),
            Audit.Path,
            AuditKeyFilter.DefaultKeys,
            TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(120),
            dryRun,
            warnPercent);

    /// <summary>A fresh cycle over the same state directory: what a restarted agent would run.</summary>
    public AttributionCycle Cycle(
        HostAgentOptions options,
        SmtpOptions? smtp = null,
        IReadOnlyDictionary<string, string>? emails = null,
        ICycleStageObserver? observer = null)
    {
        var loggers = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        return new AttributionCycle(
            options,
            Microsoft.Extensions.Options.Options.Create(new AgentOptions { StateDirectory = StateDirectory, PasswdPath = PasswdPath }),
            Docker,
            new AuditLogSource(options.AuditLogPath, new AuditKeyFilter(options.AuditKeys), loggers.CreateLogger<AuditLogSource>()),
            new CheckpointStore(StateDirectory),
            new ReportSender(http, options, TimeProvider.System, loggers.CreateLogger<ReportSender>(), maxRetryAttempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(50)),
            new EmailNotifier(Microsoft.Extensions.Options.Options.Create(smtp ?? new SmtpOptions()), new UserEmailDirectory(emails ?? new Dictionary<string, string>()), loggers.CreateLogger<EmailNotifier>()),
            TimeProvider.System,
            loggers.CreateLogger<AttributionCycle>(),
            observer);
    }

    public async ValueTask DisposeAsync()
    {
        Docker.Dispose();
        http.Dispose();
        await Central.DisposeAsync();
        ScratchDirectory.TryDelete(directory);
    }
}
