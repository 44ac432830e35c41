namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>A way of deleting a workspace's cleanup candidates, timed.</summary>
internal interface IDeletionVariant
{
    string Name { get; }

    /// <summary>Whether the variant also removes the images from the accounting (so the workspace's usage can be checked afterwards).</summary>
    bool UpdatesAccounting { get; }

    Task<DeletionRun> RunAsync(CleanupWorkspace workspace, CancellationToken cancellationToken);
}
