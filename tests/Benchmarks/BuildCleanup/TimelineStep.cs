namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Activities of one name scheduled by one episode (a fan-out is one step of many): when they were scheduled, when
/// the last one completed, and when the episode that recorded that last completion started.
/// </summary>
internal sealed record TimelineStep(string Activity, int Count, DateTimeOffset ScheduledAt, DateTimeOffset LastCompletedAt, DateTimeOffset RecordedAt)
{
    public string Label => Count == 1 ? Activity : $"{Activity} x{Count}";
}
