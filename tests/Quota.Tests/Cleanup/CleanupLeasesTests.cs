using Azure.Core;
using Azure.Data.Tables;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Tests.Integration;
using Orbit.Quota.Tests.Storage;
using Orbit.Quota.Workspaces;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Cleanup;

/// <summary>The workspace's cleanup lease against a real Azurite: what taking and giving it back cost, and that a stale read never wins.</summary>
public sealed class CleanupLeasesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Taking_the_lease_over_the_row_as_read_costs_one_write_and_giving_it_back_over_what_that_wrote_one_more()
    {
        var (leases, counter) = CountingLeases();
        var workspace = NewWorkspace();
        await leases.ReleaseAsync(NewWorkspace(), "nobody", CancellationToken.None);
        counter.Clear();

        var seen = await leases.ReadAsync(workspace, CancellationToken.None);
        var lease = await leases.TryAcquireAsync(workspace, "build-1", Minute, CancellationToken.None, seen);
        await leases.ReleaseAsync(workspace, "build-1", CancellationToken.None, lease.Written);

        Assert.True(lease.Acquired);
        Assert.Equal((1, 2), (counter.Reads, counter.Writes));
        var after = await leases.ReadAsync(workspace, CancellationToken.None);
        Assert.Equal((string.Empty, "build-1"), (after.Holder, after.PreviousHolder));
        Assert.True(after.HeldLastBy("build-1"));
    }

    [Fact]
    public async Task A_lease_taken_over_a_row_read_before_another_build_took_it_is_not_taken()
    {
        var leases = Leases();
        var workspace = NewWorkspace();
        var seen = await leases.ReadAsync(workspace, CancellationToken.None);
        Assert.True((await leases.TryAcquireAsync(workspace, "build-2", Minute, CancellationToken.None)).Acquired);

        var lease = await leases.TryAcquireAsync(workspace, "build-1", Minute, CancellationToken.None, seen);

        Assert.False(lease.Acquired);
        Assert.Equal("build-2", lease.Holder);
    }

    [Fact]
    public async Task Giving_back_a_lease_that_lapsed_and_was_taken_leaves_the_new_holders_lease_alone()
    {
        var leases = Leases();
        var workspace = NewWorkspace();
        var lapsing = await leases.TryAcquireAsync(workspace, "build-1", TimeSpan.FromMilliseconds(1), CancellationToken.None);
        await Task.Delay(20);
        var taken = await leases.TryAcquireAsync(workspace, "build-2", Minute, CancellationToken.None);
        Assert.True(lapsing.Acquired && taken.Acquired && !taken.Continued);

        await leases.ReleaseAsync(workspace, "build-1", CancellationToken.None, lapsing.Written);

        var third = await leases.TryAcquireAsync(workspace, "build-3", Minute, CancellationToken.None);
        Assert.False(third.Acquired);
        Assert.Equal("build-2", third.Holder);
        Assert.False((await leases.ReadAsync(workspace, CancellationToken.None)).HeldLastBy("build-1"));
    }

    private CleanupLeases Leases() => new(new TableClient(azurite.ConnectionString, TableName), TimeProvider.System);

    private (CleanupLeases Leases, StorageRequestCounter Counter) CountingLeases()
    {
        var counter = new StorageRequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        return (new CleanupLeases(new TableClient(azurite.ConnectionString, TableName, options), TimeProvider.System), counter);
    }

    private static string TableName { get; } = TestNames.Table("leases");

    private static WorkspaceId NewWorkspace() =>
        WorkspaceId.TryParse(FunctionAppFixture.NewWorkspace(), out var id) ? id : throw new InvalidOperationException();
}
