namespace Orbit.Benchmarks.UntrackRecords;

/// <param name="Images">Images in the workspace, all deleted in commits of ten (a multiple of ten).</param>
/// <param name="Rounds">Rounds; the two layouts take turns at going first, and the summary reports medians.</param>
internal sealed record UntrackRecordRowsOptions(int Images, int Rounds);
