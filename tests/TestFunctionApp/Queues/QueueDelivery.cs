using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Orbit.Storage;

namespace Orbit.TestFunctionApp.Queues;

/// <summary>A queue message as a test function reads it: the record, and the trigger's metadata the host sent.</summary>
public sealed record QueueDelivery(WorkItem Item, long DequeueCount, string MessageId)
{
    public static QueueDelivery Read(string body, FunctionContext context) => new(
        QueueMessageSerializer.TryDeserialize<WorkItem>(BinaryData.FromString(body), out var item, out var reason) ? item : throw new InvalidDataException(reason),
        long.Parse(Metadata(context, "DequeueCount") ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture),
        Metadata(context, "Id") ?? string.Empty);

    private static string? Metadata(FunctionContext context, string name) =>
        context.BindingContext.BindingData.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim('"') : null;
}
