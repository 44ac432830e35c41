namespace Orbit.Testing;

/// <summary>
/// A real CNCF Distribution registry (Debian's docker-registry) on a free loopback port, deletes enabled,
/// its storage in a temporary folder.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private readonly string directory;
    private readonly int? cpu;
    private ChildProcess process;

    private RegistryServer(ChildProcess process, string directory, int port, int? cpu)
    {
        this.process = process;
        this.directory = directory;
        this.cpu = cpu;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public string StorageDirectory => Path.Combine(directory, "data");

    public string ConfigPath => Path.Combine(directory, "config.yml");

    /// <param name="notifications">Where the registry posts its push and delete events, if anywhere.</param>
    /// <param name="auth">An <c>auth:</c> block (e.g. <see cref="RegistryTokenServer.RegistryAuthYaml"/>), if the registry should demand it.</param>
    /// <param name="port">A port chosen beforehand, when something started earlier must already know the registry's URL; else a free one.</param>
    /// <param name="cpu">The one CPU the registry may run on (through <c>taskset</c>), as if it had a machine of its own; else any.</param>
    public static Task<RegistryServer> StartAsync(RegistryNotifications? notifications = null, string? auth = null, int? port = null, int? cpu = null) =>
        port is { } chosen
            ? StartOnAsync(notifications, auth, chosen, cpu)
            : PortClash.RetryAsync(() => StartOnAsync(notifications, auth, FreePort.Next(), cpu));

    private static async Task<RegistryServer> StartOnAsync(RegistryNotifications? notifications, string? auth, int port, int? cpu)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing; run scripts/test (it installs Debian's docker-registry).");
        }

        var directory = ScratchDirectory.Create("orbit-registry-");
        await File.WriteAllTextAsync(Path.Combine(directory, "config.yml"), $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            {notifications?.ToYaml() ?? string.Empty}
            {auth ?? string.Empty}
            """);
        var server = new RegistryServer(StartProcess(directory, cpu), directory, port, cpu);
        try
        {
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the registry process (SIGTERM, then SIGKILL), keeping its storage and config for <see cref="RestartAsync"/>.</summary>
    public Task StopAsync() => process.StopAsync(TimeSpan.FromSeconds(5));

    /// <summary>Starts the registry again on the same port, with the same storage and config, as after an outage.</summary>
    public async Task RestartAsync()
    {
        await process.DisposeAsync();
        process = StartProcess(directory, cpu);
        await WaitUntilReadyAsync();
    }

    private static ChildProcess StartProcess(string directory, int? cpu)
    {
        string[] serve = ["serve", Path.Combine(directory, "config.yml")];
        return cpu is { } only
            ? ChildProcess.Start("registry", "/usr/bin/taskset", ["--cpu-list", only.ToString(System.Globalization.CultureInfo.InvariantCulture), Binary, .. serve])
            : ChildProcess.Start("registry", Binary, serve);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    // 401 is ready too: a registry with token authentication challenges an anonymous GET /v2/.
                    var response = await http.GetAsync(new Uri(Url, "/v2/"));
                    return response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
                }
                catch (HttpRequestException) when (!process.HasExited)
                {
                    return false;
                }
            },
            ready => ready,
            TimeSpan.FromSeconds(20),
            "the registry to answer GET /v2/");
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        ScratchDirectory.TryDelete(directory);
    }
}
