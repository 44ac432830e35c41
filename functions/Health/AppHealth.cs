using Azure.Storage.Queues;
using Orbit.ServiceBus;

namespace Orbit.Functions.Health;

/// <summary>Healthy when storage answers and every listener the app runs itself (the Service Bus trigger) is running.</summary>
public sealed class AppHealth(QueueServiceClient queues, ListenerStates listeners)
{
    private static readonly TimeSpan StorageProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<AppHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        string? storageError = null;
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(StorageProbeTimeout);
        try
        {
            await queues.GetPropertiesAsync(probe.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            storageError = $"Storage did not answer within {StorageProbeTimeout.TotalSeconds:0} s.";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            storageError = $"Storage is not reachable: {exception.Message}";
        }

        var states = listeners.Snapshot();
        var healthy = storageError is null && states.Values.All(state => state == ListenerState.Running);
        return new AppHealthReport(healthy, storageError is null, storageError, states);
    }
}
