namespace Orbit.Quota.Workspaces;

/// <summary>
/// A workspace's quota and thresholds in percent of it: a warning from <see cref="WarnPercent"/>, cleanup
/// before a build from <see cref="TriggerPercent"/> down to <see cref="TargetPercent"/>, critical from
/// <see cref="CriticalPercent"/>.
/// </summary>
public sealed record QuotaPolicy(long QuotaBytes, int WarnPercent = 70, int TriggerPercent = 80, int TargetPercent = 70, int CriticalPercent = 90)
{
    /// <summary>What is wrong with this policy, as messages a person can act on; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (QuotaBytes <= 0)
        {
            yield return $"quotaBytes must be greater than 0; it is {QuotaBytes}.";
        }

        if (TargetPercent <= 0 || TargetPercent > TriggerPercent || TriggerPercent > 100)
        {
            yield return $"the thresholds must satisfy 0 < targetPercent <= triggerPercent <= 100; they are target {TargetPercent}, trigger {TriggerPercent}.";
        }

        if (WarnPercent is <= 0 or > 100)
        {
            yield return $"warnPercent must be between 1 and 100; it is {WarnPercent}.";
        }

        if (CriticalPercent is <= 0 or > 100 || CriticalPercent < WarnPercent)
        {
            yield return $"criticalPercent must be between warnPercent and 100; it is {CriticalPercent} (warn {WarnPercent}).";
        }
    }
}
