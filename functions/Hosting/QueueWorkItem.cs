using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Orbit.Storage;

namespace Orbit.Functions.Hosting;

/// <summary>
/// A queue-triggered function's message and its trigger metadata. The body is read strictly (every required member,
/// the right types) rather than by the worker's lenient binding, so a message of the wrong shape fails with its reason.
/// </summary>
public static class QueueWorkItem
{
    public static TMessage Read<TMessage>(string body, string queue) =>
        QueueMessageSerializer.TryDeserialize<TMessage>(BinaryData.FromString(body), out var message, out var reason)
            ? message
            : throw new MalformedQueueMessageException(queue, reason);

    /// <summary>How many times the message has been delivered, this time included.</summary>
    public static long DequeueCount(FunctionContext context) =>
        long.Parse(Metadata(context, "DequeueCount") ?? "1", NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static string MessageId(FunctionContext context) => Metadata(context, "Id") ?? "(unknown)";

    private static string? Metadata(FunctionContext context, string name) =>
        context.BindingContext.BindingData.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim('"') : null;
}
