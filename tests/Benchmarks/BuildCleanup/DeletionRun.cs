namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// One variant's deletion of one workspace's candidates: how many digests it deleted in how long, and for a fan-out
/// also the deletions alone (first delete scheduled to last completed, from the history) and the whole timeline.
/// <see cref="Problems"/> lists anything that makes the figure wrong (a digest not deleted, a deletion not reported).
/// </summary>
internal sealed record DeletionRun(int Deletions, double Seconds, List<string> Problems)
{
    /// <summary>False when the variant never finished (a fan-out that did not reach ready-to-build); its figures are left out of the medians.</summary>
    public bool Completed { get; init; } = true;

    public double? DeleteWindowSeconds { get; init; }

    /// <summary>A fan-out's build: its orchestration's instance id.</summary>
    public string? BuildId { get; init; }

    /// <summary>Cores each component used on average during the timed part.</summary>
    public IReadOnlyList<(string Component, double Cores)> Cpu { get; init; } = [];

    public BuildTimeline? Timeline { get; init; }

    /// <summary>When the timed part began (for a fan-out, the POST) and ended (the poll that saw ready-to-build).</summary>
    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset EndedAt { get; init; }

    /// <summary>
    /// A fan-out's: when storage wrote the instance's row with the status the poll then saw (the row's own Timestamp, which
    /// the storage service sets), so the poll's wait (up to its interval) can be told from the product's time.
    /// </summary>
    public DateTimeOffset? ReadyWrittenAt { get; init; }

    /// <summary>Status polls the benchmark itself sent during the timed part (each one a table read in Azurite).</summary>
    public int StatusPolls { get; init; }

    public double PerSecond => Deletions / Seconds;

    public double? DeleteWindowPerSecond => DeleteWindowSeconds is { } seconds ? Deletions / seconds : null;

    /// <summary>A completed fan-out's pace counted to the status's write instead of the poll that saw it: without the poll's wait.</summary>
    public double? ReadyWrittenPerSecond => Completed && ReadyWrittenAt is { } written && written > StartedAt ? Deletions / (written - StartedAt).TotalSeconds : null;
}
