using Azure;
using Azure.Data.Tables;

namespace Orbit.Benchmarks.EngineLatency;

/// <summary>
/// A task hub's <c>&lt;hub&gt;Instances</c> table, read straight from storage the same way for every contender: one
/// point read of the instance's row per poll until its runtime status is Completed. The row also holds the engine's own
/// times, created and completed, so an instance's span can be read without the poll's granularity.
/// </summary>
internal sealed class InstanceTable(string connectionString, string hubName)
{
    private readonly TableClient table = new(connectionString, $"{hubName}Instances");

    /// <summary>Polls every <paramref name="interval"/>; returns when the poll that saw Completed was answered and the engine's created and completed times.</summary>
    public async Task<(DateTimeOffset SeenAt, DateTimeOffset CreatedAt, DateTimeOffset CompletedAt)> UntilCompletedAsync(
        string instanceId, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            try
            {
                var row = (await table.GetEntityAsync<TableEntity>(instanceId, string.Empty, ["RuntimeStatus", "CreatedTime", "CompletedTime"], cancellationToken)).Value;
                var seenAt = DateTimeOffset.UtcNow;
                switch (row.GetString("RuntimeStatus"))
                {
                    case "Completed":
                        return (seenAt, row.GetDateTimeOffset("CreatedTime") ?? seenAt, row.GetDateTimeOffset("CompletedTime") ?? seenAt);
                    case "Failed" or "Terminated" or "Canceled":
                        throw new InvalidOperationException($"Instance {instanceId} in {hubName} ended {row.GetString("RuntimeStatus")}.");
                }
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                // Not written yet: the start is a message until the first episode runs.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Instance {instanceId} in {hubName} did not complete within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
