using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Queues;

/// <summary>
/// Queue <c>%RecordQueue%</c>: records every delivery (one row each, so duplicates are counted) with its dequeue count.
/// A slow item records that it started first, and its delay ignores cancellation, as work that must finish would.
/// </summary>
public sealed class RecordFunction(ResultsTable results)
{
    [Function("Record")]
    public async Task RunAsync([QueueTrigger("%RecordQueue%")] string body, FunctionContext context, CancellationToken cancellationToken)
    {
        var delivery = QueueDelivery.Read(body, context);
        if (delivery.Item.DelayMilliseconds > 0)
        {
            await results.RecordAsync($"started-{delivery.Item.Id}", Guid.NewGuid().ToString("N"), new Dictionary<string, object?>(), cancellationToken);
            await Task.Delay(delivery.Item.DelayMilliseconds, CancellationToken.None);
        }

        await results.RecordAsync(delivery.Item.Id, Guid.NewGuid().ToString("N"), new Dictionary<string, object?>
        {
            ["DequeueCount"] = delivery.DequeueCount,
            ["MessageId"] = delivery.MessageId,
        }, CancellationToken.None);
    }
}
