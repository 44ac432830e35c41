using Orbit.Cli.Output;

namespace Orbit.Cli.Ci;

/// <summary>
/// Seed 003's three tiers as a pure function of the free bytes: full above 8 GiB builds every service, medium (5 to
/// 8 GiB) the essential ones, minimal (2 to 5 GiB) only those named for it, and under 2 GiB the runner aborts. A
/// service a tier skips is re-pointed at its last good digest, never given a copy of some other image.
/// </summary>
public static class TierPlanner
{
    public static BuildTier TierFor(long freeBytes, TierThresholds thresholds) =>
        freeBytes > thresholds.FullAboveBytes ? BuildTier.Full
        : freeBytes >= thresholds.MediumFromBytes ? BuildTier.Medium
        : freeBytes >= thresholds.AbortBelowBytes ? BuildTier.Minimal
        : BuildTier.Abort;

    public static TierPlan Plan(long freeBytes, TierThresholds thresholds, IReadOnlyList<string> services, IReadOnlyCollection<string> essential, IReadOnlyCollection<string> minimal)
    {
        if (thresholds.Problem() is { } problem)
        {
            throw CliFailure.BadUsage(problem);
        }

        RequireSubset(essential, services, "--essential");
        RequireSubset(minimal, services, "--minimal");
        var tier = TierFor(freeBytes, thresholds);
        var free = ByteSize.Format(freeBytes);
        var (summary, decide) = tier switch
        {
            BuildTier.Full => (
                $"Tier full: {free} free, more than {ByteSize.Format(thresholds.FullAboveBytes)}; every service is built.",
                (Func<string, ServicePlan>)(service => new ServicePlan(service, ServiceAction.Build, "full tier: every service is built"))),
            BuildTier.Medium => (
                $"Tier medium: {free} free, from {ByteSize.Format(thresholds.MediumFromBytes)} up to {ByteSize.Format(thresholds.FullAboveBytes)}; only the essential services are built.",
                service => essential.Contains(service)
                    ? new ServicePlan(service, ServiceAction.Build, "essential: built in the medium tier")
                    : new ServicePlan(service, ServiceAction.Repoint, "not essential: the medium tier skips it, so its tag is re-pointed at its last good digest")),
            BuildTier.Minimal => (
                $"Tier minimal: {free} free, from {ByteSize.Format(thresholds.AbortBelowBytes)} up to {ByteSize.Format(thresholds.MediumFromBytes)}; only the services named by --minimal are built.",
                service => minimal.Contains(service)
                    ? new ServicePlan(service, ServiceAction.Build, "named by --minimal: built in the minimal tier")
                    : new ServicePlan(service, ServiceAction.Repoint, "not named by --minimal: the minimal tier skips it, so its tag is re-pointed at its last good digest")),
            _ => (
                $"Tier abort: only {free} free, less than {ByteSize.Format(thresholds.AbortBelowBytes)}; nothing can be built safely. Free disk space on the runner (docker system prune -af, docker builder prune -af) or use a larger runner.",
                service => new ServicePlan(service, ServiceAction.None, "aborted: too little free disk to build anything")),
        };
        return new TierPlan(tier, freeBytes, thresholds, summary, services.Select(decide).ToList());
    }

    private static void RequireSubset(IReadOnlyCollection<string> named, IReadOnlyList<string> services, string option)
    {
        var unknown = named.Where(name => !services.Contains(name, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw CliFailure.BadUsage($"{option} names {string.Join(", ", unknown)}, which --services does not list ({string.Join(", ", services)}).");
        }
    }
}
