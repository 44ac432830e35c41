using DurableTask.AzureStorage;
using DurableTask.Core;

namespace Orbit.Benchmarks.EngineLatency;

/// <summary>
/// The Durable Task Framework driven directly in this process: <c>DurableTask.Core</c>'s worker and client on
/// <c>DurableTask.AzureStorage</c>, with the settings the app's host.json gives the WebJobs extension (4 partitions,
/// queues polled at most 100 ms apart, partitions leased in a table) and the extension's concurrency defaults. No
/// WebJobs, no worker process, no gRPC: the orchestration and its activities run here, in the engine's own threads.
/// </summary>
internal sealed class DirectEngine : IEngineContender
{
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubWorker worker;
    private readonly TaskHubClient client;

    private DirectEngine(string hubName, AzureStorageOrchestrationService service, TaskHubWorker worker)
    {
        HubName = hubName;
        this.service = service;
        this.worker = worker;
        client = new TaskHubClient(service);
    }

    public string Name => "DurableTask.Core + AzureStorage, in process";

    public string HubName { get; }

    public static async Task<DirectEngine> StartAsync(string connectionString, string hubName, TimeSpan maxQueuePollingInterval)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            PartitionCount = 4,
            MaxQueuePollingInterval = maxQueuePollingInterval,
            UseTablePartitionManagement = true,
            // The extension's defaults: ten of each per core.
            MaxConcurrentTaskActivityWorkItems = 10 * Environment.ProcessorCount,
            MaxConcurrentTaskOrchestrationWorkItems = 10 * Environment.ProcessorCount,
            WorkerId = $"{Environment.MachineName}-direct",
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(typeof(DirectFanOutOrchestration));
        worker.AddTaskActivities(typeof(DirectSquareActivity));
        await worker.StartAsync();
        return new DirectEngine(hubName, service, worker);
    }

    public Task StartAsync(string instanceId, int activities, CancellationToken cancellationToken) =>
        client.CreateOrchestrationInstanceAsync(typeof(DirectFanOutOrchestration), instanceId, activities);

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync(isForced: true);
        worker.Dispose();
        service.Dispose();
    }
}
