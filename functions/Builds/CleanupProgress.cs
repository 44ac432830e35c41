namespace Orbit.Functions.Builds;

/// <summary>A cleanup under way, as its batches finish: how many of the planned images are done, and the bytes freed so far.</summary>
public sealed record CleanupProgress(int Planned, int Finished, int Deleted, long FreedBytes, int Batches, int BatchesFinished)
{
    /// <summary>The progress of a cleanup of <paramref name="planned"/> images once <paramref name="finished"/> are done.</summary>
    public static CleanupProgress Of(int planned, IReadOnlyCollection<DeletionOutcome> finished, int batches, int batchesFinished) =>
        new(planned, finished.Count, finished.Count(outcome => outcome.Removed), finished.Sum(outcome => outcome.FreedBytes), batches, batchesFinished);
}
