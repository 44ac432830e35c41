using Orbit.Quota.Cleanup;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Builds;

/// <summary>A cleanup plan as the preview returns it and the build orchestration records it.</summary>
public sealed record PlannedCleanup(
    WorkspaceId WorkspaceId,
    long QuotaBytes,
    int TriggerPercent,
    int TargetPercent,
    long UsedBytesBefore,
    long EstimatedBytes,
    long ProjectedBytesAfter,
    long TriggerBytes,
    long TargetBytes,
    string Outcome,
    string Reason,
    IReadOnlyList<PlannedDigest> Deletions,
    IReadOnlyList<KeptDigest> Kept,
    IReadOnlyList<string> BuildLog)
{
    public static PlannedCleanup From(WorkspaceId workspaceId, CleanupPlan plan, long estimatedBytes) => new(
        workspaceId,
        plan.QuotaBytes,
        plan.Policy.TriggerPercent,
        plan.Policy.TargetPercent,
        plan.UsedBytesBefore,
        estimatedBytes,
        plan.ProjectedBytesAfter,
        plan.TriggerBytes,
        plan.TargetBytes,
        plan.Outcome.ToString(),
        plan.Reason,
        plan.Deletions.Select(PlannedDigest.From).ToList(),
        plan.Kept.Select(KeptDigest.From).ToList(),
        plan.BuildLogLines());
}
