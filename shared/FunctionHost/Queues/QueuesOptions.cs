using Azure.Storage.Queues;

namespace Orbit.FunctionHost.Queues;

/// <summary>
/// host.json <c>extensions.queues</c>, with the Azure Functions defaults. <see cref="LeaseDuration"/>
/// is this host's addition: how long a fetched message stays invisible while its handler runs
/// (renewed at half that), so a killed instance's messages return after at most this long.
/// </summary>
public sealed record QueuesOptions
{
    public const string SectionName = "AzureFunctionsJobHost:extensions:queues";

    public int BatchSize { get; init; } = 16;

    /// <summary>Fetch the next batch when this many or fewer messages are in flight; -1 means the
    /// Functions default, processor count × batch size / 2.</summary>
    public int NewBatchThreshold { get; init; } = -1;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before it is retried.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; init; } = 5;

    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int EffectiveNewBatchThreshold =>
        NewBatchThreshold >= 0 ? NewBatchThreshold : Environment.ProcessorCount * BatchSize / 2;

    /// <summary>The problems that would make a listener misbehave, as messages an operator can act on.</summary>
    public IEnumerable<string> Validate()
    {
        if (BatchSize is < 1 or > 32)
        {
            yield return $"extensions.queues.batchSize must be between 1 and 32 (Azure Storage's limit); it is {BatchSize}.";
        }

        if (MaxDequeueCount < 1)
        {
            yield return $"extensions.queues.maxDequeueCount must be at least 1; it is {MaxDequeueCount}.";
        }

        if (MaxPollingInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return $"extensions.queues.maxPollingInterval must be at least 00:00:00.1; it is {MaxPollingInterval}.";
        }

        if (VisibilityTimeout < TimeSpan.Zero || VisibilityTimeout > TimeSpan.FromDays(7))
        {
            yield return $"extensions.queues.visibilityTimeout must be between 0 and 7 days; it is {VisibilityTimeout}.";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(2) || LeaseDuration > TimeSpan.FromDays(7))
        {
            yield return $"extensions.queues.leaseDuration must be between 2 seconds and 7 days; it is {LeaseDuration}.";
        }
    }
}
