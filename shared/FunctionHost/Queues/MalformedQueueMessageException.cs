namespace Orbit.FunctionHost.Queues;

/// <summary>The message can never be handled as it is: retrying is pointless, it goes to the poison queue at once.</summary>
public sealed class MalformedQueueMessageException(string reason) : Exception(reason);
