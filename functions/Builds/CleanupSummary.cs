namespace Orbit.Functions.Builds;

/// <summary>
/// The pre-build cleanup as it happened: the plan's outcome (BelowTrigger, TargetReached, TargetUnreachable,
/// or Failed when the check itself failed), the workspace's usage when planned (without the build's estimate), the bytes
/// its deletions freed and the usage that leaves, and what each planned deletion became.
/// Its lines for the build log travel beside it (<see cref="BuildStatus.BuildLog"/>), once.
/// </summary>
public sealed record CleanupSummary(
    string Outcome,
    long UsedBytesBefore,
    long FreedBytes,
    long UsedBytesAfter,
    long QuotaBytes,
    IReadOnlyList<DeletionOutcome> Deletions,
    string? WaitedFor,
    string? Error)
{
    public const string FailedOutcome = "Failed";

    public bool Failed => Error is not null || Deletions.Any(d => d.Result == DeletionOutcome.Failed);
}
