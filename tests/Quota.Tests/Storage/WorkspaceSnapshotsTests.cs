using System.Collections.Immutable;
using Azure;
using Orbit.Quota.Storage;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Storage;

public sealed class WorkspaceSnapshotsTests
{
    [Fact]
    public void A_snapshot_is_given_only_at_its_own_etag_and_kept_until_found_stale()
    {
        var snapshots = new WorkspaceSnapshots();
        var workspace = Workspace("ws-a");
        var first = Snapshot(new ETag("1"), 3);
        snapshots.Remember(workspace, first);

        Assert.True(snapshots.Holds(workspace));
        Assert.Equal(3, snapshots.At(workspace, new ETag("1"))?.ImageCount);
        // A read that raced a commit of this process saw an older ETag: not a reason to drop the snapshot.
        Assert.Null(snapshots.At(workspace, new ETag("0")));
        Assert.Same(first, snapshots.At(workspace, new ETag("1")));

        // Forgetting a stale snapshot leaves a newer one alone.
        var second = Snapshot(new ETag("2"), 2);
        snapshots.Remember(workspace, second);
        snapshots.Forget(workspace, first);
        Assert.Same(second, snapshots.Latest(workspace));
        snapshots.Forget(workspace, second);
        Assert.False(snapshots.Holds(workspace));
    }

    [Fact]
    public void Other_workspaces_snapshots_make_room_when_all_would_hold_more_than_twenty_thousand_images()
    {
        var snapshots = new WorkspaceSnapshots();
        var (a, b, c) = (Workspace("ws-a"), Workspace("ws-b"), Workspace("ws-c"));
        snapshots.Remember(a, Snapshot(new ETag("a"), 8_000));
        snapshots.Remember(b, Snapshot(new ETag("b"), 8_000));
        snapshots.Remember(b, Snapshot(new ETag("b2"), 9_000));
        Assert.NotNull(snapshots.At(a, new ETag("a")));

        snapshots.Remember(c, Snapshot(new ETag("c"), 8_000));

        var kept = new[] { snapshots.At(a, new ETag("a")), snapshots.At(b, new ETag("b2")) }.Count(snapshot => snapshot is not null);
        Assert.Equal(1, kept);
        Assert.NotNull(snapshots.At(c, new ETag("c")));
    }

    private static WorkspaceId Workspace(string id) => WorkspaceId.TryParse(id, out var workspace) ? workspace : throw new InvalidOperationException();

    // The snapshots are told apart by the workspace they are kept under; their records' own workspace plays no part.
    private static WorkspaceSnapshot Snapshot(ETag etag, int images) =>
        WorkspaceSnapshot.Of(etag, new WorkspaceUsage(Workspace("ws"), new QuotaPolicy(1L << 30), 0, images), Enumerable.Range(0, images).Select(i => Image("api", $"v{i}", i, "manifest", [])), ImmutableDictionary<Digest, BlobReferenceCount>.Empty);
}
