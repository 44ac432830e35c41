namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// A workspace ready for one cleanup: its images pushed and tracked, and its policy set so that a plan deletes every
/// digest it may (trigger 2 %, target 1 %: the target is out of reach, so both passes run and each app keeps only its
/// newest 2 tags). <see cref="Candidates"/> are those digests, in the order the planner takes them; <see cref="Kept"/> the rest.
/// </summary>
internal sealed record CleanupWorkspace(string Id, IReadOnlyList<TrackedImage> Candidates, IReadOnlyList<TrackedImage> Kept);
