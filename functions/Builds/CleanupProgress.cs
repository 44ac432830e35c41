namespace Orbit.Functions.Builds;

/// <summary>A cleanup under way, as its batches finish: how many of the planned images are done, and the bytes freed so far.</summary>
public sealed record CleanupProgress(int Planned, int Finished, int Deleted, long FreedBytes, int Batches, int BatchesFinished);
