namespace Orbit.Orchestrations.Storage;

/// <summary>One page of an instance listing and the token for the next, null on the last page.</summary>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
