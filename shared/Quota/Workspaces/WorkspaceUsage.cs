namespace Orbit.Quota.Workspaces;

/// <summary>A workspace's aggregate: bytes of the distinct blobs its images reference, and how many image records it has.</summary>
public sealed record WorkspaceUsage(WorkspaceId Id, QuotaPolicy Policy, long UsedBytes, int ImageCount)
{
    public double Percentage => Policy.QuotaBytes > 0 ? Math.Round(100.0 * UsedBytes / Policy.QuotaBytes, 2) : 0;

    public UsageLevel Level =>
        Percentage >= Policy.CriticalPercent ? UsageLevel.Critical
        : Percentage >= Policy.WarnPercent ? UsageLevel.Warning
        : UsageLevel.Ok;
}
