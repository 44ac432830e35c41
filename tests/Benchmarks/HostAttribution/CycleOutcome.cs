namespace Orbit.Benchmarks.HostAttribution;

/// <summary>What one benchmarked cycle produced, printed so the figures can be checked for sense.</summary>
/// <param name="PhaseMs">Milliseconds of the audit read, attribution, usage + plan + warnings, and the checkpoint JSON.</param>
internal sealed record CycleOutcome(
    double[] PhaseMs,
    long AuditLines,
    int AuditRecords,
    int ByLabel,
    int ByAudit,
    int Unattributed,
    int Layers,
    int OwnedLayers,
    int Removals,
    int UsersOver,
    int Warnings,
    int StateBytes);
