namespace Orbit.Orchestrations.Storage;

/// <summary>Which instances an operator's listing shows: any of these statuses (all when empty), this orchestrator name, created in this range.</summary>
public sealed record InstanceQuery(
    IReadOnlyList<OrchestrationRuntimeStatus> Statuses,
    string? Name = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null);
