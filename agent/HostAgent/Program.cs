using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

var configPath = Environment.GetEnvironmentVariable(HostAgentSettingNames.ConfigPath);
Microsoft.Extensions.Configuration.IConfigurationRoot configuration;
HostAgentOptions options;
try
{
    using (var file = string.IsNullOrWhiteSpace(configPath) ? null : File.OpenRead(configPath))
    {
        configuration = HostAgentConfiguration.Build(file);
    }

    options = HostAgentConfiguration.Load(configuration);
}
catch (Exception exception) when (exception is HostAgentConfigurationException or IOException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

// The agent's folder is its root: the settings-file watcher watches the root's whole tree, and under systemd
// the working directory is /.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = false, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(Options.Create(AgentConfiguration.Agent(configuration)));
builder.Services.AddSingleton(Options.Create(AgentConfiguration.Docker(configuration)));
builder.Services.AddSingleton(Options.Create(AgentConfiguration.Smtp(configuration)));
builder.Services.AddSingleton(new UserEmailDirectory(AgentConfiguration.UserEmails(configuration)));
builder.Services.AddSingleton<DockerEngine>();
builder.Services.AddSingleton(services => new AuditLogSource(options.AuditLogPath, new AuditKeyFilter(options.AuditKeys), services.GetRequiredService<ILogger<AuditLogSource>>()));
builder.Services.AddSingleton(services => new CheckpointStore(services.GetRequiredService<IOptions<AgentOptions>>().Value.StateDirectory));
builder.Services.AddHttpClient<ReportSender>();
builder.Services.AddSingleton<EmailNotifier>();
builder.Services.AddSingleton<AttributionCycle>();
builder.Services.AddHostedService<AgentWorker>();
await builder.Build().RunAsync();
return 0;
