namespace Orbit.Benchmarks.UntrackRecords;

/// <summary>The knobs of <c>untrack-record-rows</c>, validated once.</summary>
/// <param name="Images">Images in the workspace, all deleted in commits of ten (a multiple of ten).</param>
/// <param name="Rounds">Rounds; the two layouts take turns at going first, and the summary reports medians.</param>
internal sealed record UntrackRecordRowsOptions(int Images, int Rounds)
{
    public void Validate()
    {
        if (Images < 10 || Images % 10 != 0)
        {
            throw new ArgumentOutOfRangeException("--images", Images, "--images must be a positive multiple of 10.");
        }

        OptionBounds.AtLeast(("--rounds", Rounds, 1));
    }
}
