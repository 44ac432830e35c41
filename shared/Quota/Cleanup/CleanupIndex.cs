using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// A workspace's images arranged for planning, in O(n log n): each tag ranked within its app, tags grouped
/// into manifest units sorted oldest first, and blob reference counts. Built once per plan, used by both
/// passes. Records are referred to by their position in the input, so each digest and name is hashed once.
/// </summary>
internal sealed class CleanupIndex
{
    // Below this many records a second thread costs more than it saves.
    private const int ParallelFrom = 20_000;

    private CleanupIndex(ManifestUnit[] units, BlobReferences blobs)
    {
        Units = units;
        Blobs = blobs;
    }

    /// <summary>Oldest first (<see cref="TagOrder.OldestFirst"/>): the order deletions are considered in.</summary>
    public IReadOnlyList<ManifestUnit> Units { get; }

    public BlobReferences Blobs { get; }

    /// <exception cref="ArgumentException">A record belongs to another workspace, or two records are the same tag with the same push time.</exception>
    public static CleanupIndex Build(IReadOnlyList<ImageRecord> images, WorkspaceId workspace)
    {
        var records = images.ToArray();
        if (records.Length < ParallelFrom)
        {
            return new CleanupIndex(ArrangeUnits(records, workspace), BlobReferences.Count(records));
        }

        // Counting blob references and arranging the units share nothing but the (read-only) records, and each
        // is about half the work: on two cores a large workspace plans in little more than half the time.
        BlobReferences? blobs = null;
        ManifestUnit[]? units = null;
        try
        {
            Parallel.Invoke(() => blobs = BlobReferences.Count(records), () => units = ArrangeUnits(records, workspace));
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failure.InnerExceptions[0]);
        }

        return new CleanupIndex(units!, blobs!);
    }

    private static ManifestUnit[] ArrangeUnits(ImageRecord[] records, WorkspaceId workspace)
    {
        var repositoryOf = NumberRepositories(records, workspace);
        var ranks = RankWithinApps(records);
        var units = GroupIntoUnits(records, repositoryOf, ranks);
        TagOrder.SortOldestFirst(units);
        return units;
    }

    /// <summary>One unit per repository and digest, holding its tags newest first.</summary>
    private static ManifestUnit[] GroupIntoUnits(ImageRecord[] records, int[] repositoryOf, (int Rank, int AppTagCount)[] ranks)
    {
        // Number the units and count their tags first, so each unit's tag array is allocated once, at its size.
        var unitNumbers = new Dictionary<UnitKey, int>(records.Length);
        var unitOf = new int[records.Length];
        var unitSizes = new List<int>();
        for (var record = 0; record < records.Length; record++)
        {
            ref var unit = ref CollectionsMarshal.GetValueRefOrAddDefault(unitNumbers, new UnitKey(repositoryOf[record], records[record].Digest), out var known);
            if (!known)
            {
                unit = unitSizes.Count;
                unitSizes.Add(0);
            }

            unitOf[record] = unit;
            unitSizes[unit]++;
        }

        var tags = new RankedTag[unitSizes.Count][];
        for (var unit = 0; unit < tags.Length; unit++)
        {
            tags[unit] = new RankedTag[unitSizes[unit]];
            unitSizes[unit] = 0;
        }

        for (var record = 0; record < records.Length; record++)
        {
            var unit = unitOf[record];
            tags[unit][unitSizes[unit]++] = new RankedTag(record, records[record], ranks[record].Rank, ranks[record].AppTagCount);
        }

        var units = new ManifestUnit[tags.Length];
        for (var unit = 0; unit < units.Length; unit++)
        {
            var unitTags = tags[unit];
            if (unitTags.Length > 1)
            {
                Array.Sort(unitTags, (left, right) => TagOrder.NewestFirst(left.Image, right.Image));
                for (var tag = 1; tag < unitTags.Length; tag++)
                {
                    RejectTie(unitTags[tag - 1].Image, unitTags[tag].Image);
                }
            }

            units[unit] = new ManifestUnit(unitTags[0].Image.Repository, unitTags[0].Image.Digest, unitTags);
        }

        return units;
    }

    /// <summary>A number per distinct repository, for each record; checks the records' workspace on the way.</summary>
    private static int[] NumberRepositories(ImageRecord[] records, WorkspaceId workspace)
    {
        var repositories = new Dictionary<RepositoryName, int>();
        var repositoryOf = new int[records.Length];
        for (var record = 0; record < records.Length; record++)
        {
            var image = records[record];
            // Planning across workspaces would let one workspace's tags be deleted to make room for another's.
            if (image.WorkspaceId != workspace)
            {
                throw new ArgumentException($"{image.Repository}:{image.Tag} belongs to workspace {image.WorkspaceId}, not {workspace}.", "images");
            }

            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(repositories, image.Repository, out var known);
            if (!known)
            {
                number = repositories.Count - 1;
            }

            repositoryOf[record] = number;
        }

        return repositoryOf;
    }

    /// <summary>
    /// Two records of one tag pushed at the same time tie in every order the planner uses, so which one ranks first
    /// (and so the plan) would depend on the listing order. The store keys records by repository and tag, so
    /// this means the caller passed something else; sorting puts such records side by side, so checking
    /// neighbours finds them without a set of every tag.
    /// </summary>
    private static void RejectTie(ImageRecord previous, ImageRecord next)
    {
        if (TagOrder.NewestFirst(previous, next) == 0)
        {
            throw new ArgumentException($"{next.Repository}:{next.Tag} is listed twice; a tag has one record.", "images");
        }
    }

    /// <summary>Each record's rank among its app's tags (<see cref="TagOrder.NewestFirst"/>) and the app's tag count.</summary>
    private static (int Rank, int AppTagCount)[] RankWithinApps(ImageRecord[] records)
    {
        var apps = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var record = 0; record < records.Length; record++)
        {
            ref var app = ref CollectionsMarshal.GetValueRefOrAddDefault(apps, records[record].AppId, out _);
            (app ??= []).Add(record);
        }

        var ranks = new (int Rank, int AppTagCount)[records.Length];
        foreach (var app in apps.Values)
        {
            app.Sort((left, right) => TagOrder.NewestFirst(records[left], records[right]));
            for (var rank = 0; rank < app.Count; rank++)
            {
                ranks[app[rank]] = (rank, app.Count);
                if (rank > 0)
                {
                    RejectTie(records[app[rank - 1]], records[app[rank]]);
                }
            }
        }

        return ranks;
    }
}
