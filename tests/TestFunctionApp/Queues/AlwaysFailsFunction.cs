using Microsoft.Azure.Functions.Worker;
using Orbit.TestFunctionApp.Recording;

namespace Orbit.TestFunctionApp.Queues;

/// <summary>Queue <c>%FailQueue%</c>: records the attempt (its dequeue count), then fails, every time.</summary>
public sealed class AlwaysFailsFunction(ResultsTable results)
{
    [Function("AlwaysFails")]
    public async Task RunAsync([QueueTrigger("%FailQueue%")] string body, FunctionContext context, CancellationToken cancellationToken)
    {
        var delivery = QueueDelivery.Read(body, context);
        await results.RecordAsync($"attempt-{delivery.Item.Id}", delivery.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, object?>(), cancellationToken);
        throw new InvalidOperationException($"{delivery.Item.Id} always fails");
    }
}
