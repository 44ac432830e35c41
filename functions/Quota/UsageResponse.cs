using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Quota;

/// <summary>A workspace's registry usage as the internal API returns it.</summary>
public sealed record UsageResponse(
    string WorkspaceId, long CurrentBytes, long QuotaBytes, double Percentage, string Level, int ImageCount,
    int WarnPercent, int TriggerPercent, int TargetPercent, int CriticalPercent)
{
    public static UsageResponse From(WorkspaceUsage usage) => new(
        usage.Id.Value, usage.UsedBytes, usage.Policy.QuotaBytes, usage.Percentage, usage.Level.ToString().ToLowerInvariant(), usage.ImageCount,
        usage.Policy.WarnPercent, usage.Policy.TriggerPercent, usage.Policy.TargetPercent, usage.Policy.CriticalPercent);
}
