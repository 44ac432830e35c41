using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orbit.Functions.Builds;
using Orbit.Functions.Hosting;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>
/// The build orchestrator on Microsoft's Durable Task engine, in this process: DurableTask.Core's in-memory orchestration
/// service behind the InProcessTestHost's sidecar, and the real gRPC worker (the one Durable Functions' isolated worker
/// runs orchestrators with), which replays every episode from the instance's history. No storage, no other process.
/// The orchestrator runs as the app has it, on a context that records what it does (<see cref="RecordingOrchestrationContext"/>);
/// the activities are the scenario's stand-ins. Inputs, outputs and statuses go through the app's JSON rules.
/// </summary>
/// <remarks>
/// Composed here rather than with <c>DurableTaskTestHost.StartAsync</c>, which listens on every loopback address at a
/// random port of 30000-40000 (which a concurrently running test's process may hold) and logs to the console: this
/// sidecar listens on 127.0.0.1 at a port the system picks.
/// </remarks>
internal sealed class ReplayHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly WebApplication sidecar;
    private readonly GrpcChannel channel;
    private readonly IHost worker;

    private ReplayHost(WebApplication sidecar, GrpcChannel channel, IHost worker, OrchestratorEpisodes episodes)
    {
        this.sidecar = sidecar;
        this.channel = channel;
        this.worker = worker;
        Episodes = episodes;
    }

    public DurableTaskClient Client => worker.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Each episode the engine ran the orchestrator for, with what the orchestrator did in it.</summary>
    public OrchestratorEpisodes Episodes { get; }

    /// <summary>Settings as a test wants them: short lease waits, small batches, a timeout no test reaches unless it means to.</summary>
    public static BuildOptions Settings(Action<BuildOptions>? adjust = null)
    {
        var settings = new BuildOptions { Timeout = TimeSpan.FromMinutes(1), CleanupLeaseRetryInterval = TimeSpan.FromMilliseconds(50), DeletionBatchSize = 2, InlineBatchSize = 2, ActivityAttempts = 2 };
        adjust?.Invoke(settings);
        return settings;
    }

    public static Task<ReplayHost> StartAsync(BuildScenario scenario, BuildOptions settings) => StartAsync(scenario.Register, settings);

    /// <summary>The orchestrator with the activities <paramref name="registerActivities"/> adds: the scenario's stand-ins, or the app's own.</summary>
    public static async Task<ReplayHost> StartAsync(Action<DurableTaskRegistry> registerActivities, BuildOptions settings)
    {
        var engine = new InMemoryOrchestrationService();
        var sidecarBuilder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        sidecarBuilder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Services.AddLogging().AddRouting().AddGrpc();
        sidecarBuilder.Services.AddSingleton<IOrchestrationService>(engine).AddSingleton<IOrchestrationServiceClient>(engine).AddSingleton<TaskHubGrpcServer>();
        var sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync();

        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var channel = GrpcChannel.ForAddress(address);
        var episodes = new OrchestratorEpisodes();
        var workerBuilder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        workerBuilder.Services.AddLogging();
        // A test that fails with a stand-in still waiting on its gate stops in seconds, not the default 30.
        workerBuilder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        workerBuilder.Services.AddSingleton<DataConverter>(new JsonDataConverter(AppJson.Options));
        workerBuilder.Services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(channel);
            builder.AddTasks(tasks =>
            {
                // Registered with its input type: the worker's context hands GetInput<T> the input read as that type, where
                // Durable Functions' context reads it as the T asked for.
                tasks.AddOrchestratorFunc<BuildInput?, BuildResult>(BuildOrchestrator.Name, (context, _) =>
                    new BuildOrchestrator(Options.Create(settings)).RunAsync(new RecordingOrchestrationContext(context, episodes.Begin(context.InstanceId))));
                registerActivities(tasks);
            });
        });
        workerBuilder.Services.AddDurableTaskClient(builder => builder.UseGrpc(channel).RegisterDirectly());
        var worker = workerBuilder.Build();
        await worker.StartAsync();
        return new ReplayHost(sidecar, channel, worker, episodes);
    }

    public Task<string> StartBuildAsync(object input) => Client.ScheduleNewOrchestrationInstanceAsync(BuildOrchestrator.Name, input);

    /// <summary>The instance's custom status now.</summary>
    public async Task<BuildStatus?> StatusAsync(string instanceId) =>
        (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.ReadCustomStatusAs<BuildStatus>();

    /// <summary>The instance's custom status once <paramref name="until"/> holds for it, as the build system would poll it.</summary>
    public async Task<BuildStatus> WaitForStatusAsync(string instanceId, Func<BuildStatus, bool> until)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, patience.Token);
            if (instance?.ReadCustomStatusAs<BuildStatus>() is { } status && until(status))
            {
                return status;
            }

            if (instance?.IsCompleted == true)
            {
                throw new InvalidOperationException($"Build {instanceId} ended ({instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}) without the status the test waited for.");
            }

            await Task.Delay(10, patience.Token);
        }
    }

    /// <summary>Waits for a stand-in's side of the scenario, such as a request having arrived.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, patience.Token);
        }
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var patience = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, patience.Token);
    }

    /// <summary>The build system reports the build's image pushed (<see cref="ReplayWorkspace.PushedDigest"/>); the build once it has ended.</summary>
    public async Task<OrchestrationMetadata> PushedAsync(string instanceId)
    {
        await Client.RaiseEventAsync(instanceId, BuildOrchestrator.ImagePushedEvent, new ImagePushed(ReplayWorkspace.PushedDigest));
        return await WaitForCompletionAsync(instanceId);
    }

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync();
        worker.Dispose();
        channel.Dispose();
        await sidecar.StopAsync();
        await sidecar.DisposeAsync();
    }
}
