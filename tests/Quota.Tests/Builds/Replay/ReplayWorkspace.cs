using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Usage;
using Orbit.Registry.References;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>
/// The workspace "ws" of the replay scenarios: its images, the build of ws/api that starts, and the plans the real
/// planner makes for them (as the check activity returns them).
/// </summary>
internal static class ReplayWorkspace
{
    public const long MiB = 1024 * 1024;

    public static readonly DateTimeOffset PlannedAt = new(2026, 12, 4, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The digest the build system reports with <c>ImagePushed</c>.</summary>
    public static readonly Digest PushedDigest = Named("the built image");

    /// <summary>A build of ws/api:next into the managed registry.</summary>
    public static BuildInput Input(long estimatedBytes = 0) =>
        new(Workspace, "api", RepositoryName.Parse("ws/api"), Tag.Parse("next"), BuildRegistry.Managed, estimatedBytes);

    /// <summary>Tags v1..v<paramref name="count"/> of each app, pushed in turn (v1 of every app, then v2, ...), each its own blob of <paramref name="bytes"/>(app, version) bytes.</summary>
    public static ImageRecord[] Tagged(string[] apps, int count, Func<string, int, long> bytes) =>
    [
        .. Enumerable.Range(1, count).SelectMany(version => apps.Select((app, index) =>
            Image(app, $"v{version}", (version * apps.Length) + index, $"{app}-v{version}", [($"{app}-layer-{version}", bytes(app, version))]))),
    ];

    /// <summary>The plan the check makes of <paramref name="images"/> under this quota, with the build's estimate counted as used.</summary>
    public static PlannedCleanup Plan(ImageRecord[] images, long quotaBytes, int triggerPercent = 80, int targetPercent = 70, long estimatedBytes = 0)
    {
        var usage = UsageOf(images, quotaBytes, triggerPercent, targetPercent);
        var plan = CleanupPlanner.Plan(images, usage with { UsedBytes = usage.UsedBytes + estimatedBytes });
        return PlannedCleanup.From(Workspace, plan, estimatedBytes, PlannedAt, whole: false);
    }
}
