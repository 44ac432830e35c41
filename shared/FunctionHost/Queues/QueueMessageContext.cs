namespace Orbit.FunctionHost.Queues;

/// <summary>The queue trigger's metadata about the message being handled.</summary>
public sealed record QueueMessageContext(string QueueName, string MessageId, long DequeueCount, DateTimeOffset? InsertedOn);
