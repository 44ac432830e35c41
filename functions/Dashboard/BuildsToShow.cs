using Microsoft.DurableTask.Client;

namespace Orbit.Functions.Dashboard;

/// <summary>Which builds of a window the builds page shows when there are more than it lists.</summary>
public static class BuildsToShow
{
    /// <summary>
    /// At most <paramref name="max"/> of <paramref name="builds"/>: every unfinished one first (those are what operators
    /// watch: a build waiting for its push, a cleanup in progress), newest first, then the newest finished ones.
    /// </summary>
    public static IReadOnlyList<OrchestrationMetadata> Choose(IEnumerable<OrchestrationMetadata> builds, int max) =>
        [.. builds.OrderBy(build => build.IsCompleted).ThenByDescending(build => build.CreatedAt).Take(max)];
}
