namespace Orbit.Orchestrations.Worker;

/// <summary>A message on the work-item queue: run activity <paramref name="Name"/> for step <paramref name="TaskId"/> of an instance.</summary>
public sealed record WorkItem(string InstanceId, int TaskId, string Name, string? Input);
