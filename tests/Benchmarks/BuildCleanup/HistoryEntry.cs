namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// One event of an instance's history (a row of the task hub's history table), with the start of the episode that recorded it.
/// Timestamps are the app's clock, which on one machine is the benchmark's too.
/// </summary>
internal sealed record HistoryEntry(string EventType, DateTimeOffset Timestamp, int? TaskId, string? FunctionName, DateTimeOffset EpisodeStart);
