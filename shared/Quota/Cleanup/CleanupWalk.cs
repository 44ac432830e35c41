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
    /// Every unit the passes left, oldest first, with why it stays (<see cref="KeepReason"/>): protected (latest, an app's
    /// newest or only tag, or sharing a digest with one), or not needed because the target was reached first. Built when
    /// first read, over the walk as it ended.
    /// </summary>
    public IReadOnlyList<KeptImage> Kept()
    {
        var keep = lastKeep;
        return new KeptImageList(() => index.Units.Where((_, i) => !deleted[i]).Select(unit => Explain(unit, keep)).ToArray());
    }

    /// <summary>The units still there after the passes.</summary>
    public IEnumerable<ManifestUnit> Remaining() => index.Units.Where((_, i) => !deleted[i]);

    private static KeptImage Explain(ManifestUnit unit, int keep)
    {
        if (unit.CarriesLatest)
        {
            return Kept(unit, KeepReason.CarriesLatest, $"carries {CleanupPlanner.LatestTag}, which is never deleted");
        }

        if (unit.IsDeletable(keep))
        {
            return Kept(unit, KeepReason.NotNeeded, $"beyond the newest {keep} of app {unit.AppId}, but not needed: deleting older images reached the target");
        }

        // Not deletable and not latest: some tag on this digest is among its app's newest (or its only tag), and it holds the rest.
        var holder = unit.BestRanked;
        if (unit.HasCandidate(keep))
        {
            var why = holder.AppTagCount == 1 ? $"the only tag of app {holder.Image.AppId}" : $"within the newest {keep} of app {holder.Image.AppId}";
            return Kept(unit, KeepReason.SharesDigestWithKeptTag, $"shares its digest with {holder.Image.Repository}:{holder.Image.Tag}, {why}");
        }

        var only = Array.FindIndex(unit.Tags, tag => tag.AppTagCount == 1);
        return only >= 0
            ? Kept(unit, KeepReason.OnlyTagOfApp, $"the only tag of app {unit.Tags[only].Image.AppId}")
            : Kept(unit, KeepReason.WithinNewest, $"within the newest {keep} of app {holder.Image.AppId}");
    }

    private static KeptImage Kept(ManifestUnit unit, KeepReason reason, string explanation) =>
        new(unit.Repository, unit.Digest, unit.TagNames(), unit.AppId, unit.PushedAt, reason, explanation);
}
