namespace Orbit.Cli.Ci;

/// <summary>The tier a runner's free disk allows and what it means for each service, in the order the services were given.</summary>
public sealed record TierPlan(BuildTier Tier, long FreeBytes, TierThresholds Thresholds, string Summary, IReadOnlyList<ServicePlan> Services)
{
    public IEnumerable<string> ToBuild => Services.Where(s => s.Action == ServiceAction.Build).Select(s => s.Service);

    public IEnumerable<string> ToRepoint => Services.Where(s => s.Action == ServiceAction.Repoint).Select(s => s.Service);
}
