namespace Orbit.Orchestrations.Worker;

/// <summary>A message on the work-item queue: run activity <paramref name="Name"/> for step <paramref name="TaskId"/> of an instance.</summary>
/// <remarks>An input too large for a queue message is stored, and <paramref name="InputReference"/> names it.</remarks>
public sealed record WorkItem(string InstanceId, int TaskId, string Name, string? Input, string? InputReference = null);
