namespace Orbit.Quota.Cleanup;

/// <summary>
/// The mutable half of planning, kept out of <see cref="CleanupPlanner"/> so that stays a readable list of
/// rules: walks the units oldest first and deletes what a pass allows until usage reaches the target.
/// </summary>
internal sealed class CleanupWalk(CleanupIndex index, long usedBytes, long targetBytes)
{
    private readonly bool[] deleted = new bool[index.Units.Count];
    private readonly List<PlannedDeletion> deletions = [];
    private int lastKeep = CleanupPlanner.FirstPassKeep;

    public long ProjectedBytes { get; private set; } = usedBytes;

    public bool AboveTarget => ProjectedBytes > targetBytes;

    public IReadOnlyList<PlannedDeletion> Deletions => deletions;

    /// <summary>Deletes, oldest first, the units whose every tag is beyond its app's newest <paramref name="keep"/>, until usage is at the target.</summary>
    public void Pass(int pass, int keep)
    {
        var reason = pass == 1 ? $"oldest beyond newest {keep}" : $"oldest beyond newest {keep} (second pass)";
        var units = index.Units;
        lastKeep = keep;
        // The target is checked before each deletion, never after a batch: stopping at the first deletion
        // that reaches it is what makes the plan minimal.
        for (var i = 0; i < units.Count && AboveTarget; i++)
        {
            var unit = units[i];
            if (deleted[i] || !unit.IsDeletable(keep))
            {
                continue;
            }

            long freed = 0;
            foreach (var tag in unit.Tags)
            {
                freed += index.Blobs.Release(tag.Record);
            }

            deleted[i] = true;
            ProjectedBytes -= freed;
            deletions.Add(new PlannedDeletion(unit.Repository, unit.Digest, unit.TagNames(), unit.AppId, unit.PushedAt, freed, ProjectedBytes, pass, reason));
        }
    }

    /// <summary>
    /// The units with a tag old enough for the last pass that ran, held back by a protection, oldest first:
    /// whether or not the walk got that far, "why is this old tag still here?" is asked either way.
    /// Units that were merely not needed to reach the target are not listed.
    /// </summary>
    public IReadOnlyList<KeptImage> Kept()
    {
        var kept = new List<KeptImage>();
        for (var i = 0; i < index.Units.Count; i++)
        {
            var unit = index.Units[i];
            if (!deleted[i] && unit.HasCandidate(lastKeep) && !unit.IsDeletable(lastKeep))
            {
                kept.Add(Explain(unit, lastKeep));
            }
        }

        return kept;
    }

    /// <summary>The units still there after the passes.</summary>
    public IEnumerable<ManifestUnit> Remaining() => index.Units.Where((_, i) => !deleted[i]);

    private static KeptImage Explain(ManifestUnit unit, int keep)
    {
        if (unit.CarriesLatest)
        {
            return Kept(unit, KeepReason.CarriesLatest, $"carries {CleanupPlanner.LatestTag}, which is never deleted");
        }

        // Not deletable and not latest: some tag on this digest is among its app's newest, and it holds the rest.
        var holder = unit.BestRanked;
        var why = holder.AppTagCount == 1
            ? $"the only tag of app {holder.Image.AppId}"
            : $"within the newest {keep} of app {holder.Image.AppId}";
        return Kept(unit, KeepReason.SharesDigestWithKeptTag, $"shares its digest with {holder.Image.Repository}:{holder.Image.Tag}, {why}");
    }

    private static KeptImage Kept(ManifestUnit unit, KeepReason reason, string explanation) =>
        new(unit.Repository, unit.Digest, unit.TagNames(), unit.AppId, unit.PushedAt, reason, explanation);
}
