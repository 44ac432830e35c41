namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The part of a build instance's status the benchmarks read: runtime status, <c>customStatus.phase</c> and the cleanup's deletions.</summary>
internal sealed record BuildSnapshot(string RuntimeStatus, string? Phase, IReadOnlyList<CleanupDeletion> Deletions)
{
    public const string ReadyToBuild = "ready-to-build";

    public bool IsReady => Phase == ReadyToBuild;

    public bool IsFinished => RuntimeStatus is "Completed" or "Failed" or "Terminated";
}
