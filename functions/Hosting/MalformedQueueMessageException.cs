namespace Orbit.Functions.Hosting;

/// <summary>
/// A queue message that can never be handled as it is. The attempt fails; like every failed attempt it is retried
/// until host.json's <c>maxDequeueCount</c> and then moved to the poison queue, where the log's reason explains it.
/// </summary>
public sealed class MalformedQueueMessageException(string queue, string reason)
    : Exception($"A message on {queue} is malformed and will end in {queue}-poison: {reason}");
