using Orbit.Orchestrations.History;
using Orbit.Orchestrations.Storage;

namespace Orbit.Orchestrations.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class InstanceStoreTests(AzuriteFixture storage)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Of_two_episodes_committed_over_the_same_state_exactly_one_counts_and_the_loser_leaves_no_history()
    {
        var hub = AzuriteFixture.NewHub();
        var store = new InstanceStore(storage.Tables, hub);
        Assert.True(await store.TryCreateAsync(Pending("race"), CancellationToken.None));
        var state = (await store.LoadAsync("race", CancellationToken.None))!;

        var commits = await Task.WhenAll(
            store.TryCommitAsync(state, [HistoryEvent.OrchestratorStarted(Now), HistoryEvent.EventRaised(Now, "A", null, "a")], state.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running }, CancellationToken.None),
            store.TryCommitAsync(state, [HistoryEvent.OrchestratorStarted(Now), HistoryEvent.EventRaised(Now, "B", null, "b")], state.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running }, CancellationToken.None));

        var winner = Assert.Single(commits, c => c is not null)!;
        var reloaded = (await new InstanceStore(storage.Tables, hub).LoadAsync("race", CancellationToken.None))!;
        var episode = Assert.Single(reloaded.History.Episodes);
        Assert.Equal(winner.History.Episodes[0].Events[1].Name, episode.Events[1].Name);
        Assert.Equal(1, reloaded.Instance.EpisodeCount);
    }

    [Fact]
    public async Task Histories_and_values_longer_than_a_table_property_round_trip_whole()
    {
        var hub = AzuriteFixture.NewHub();
        var store = new InstanceStore(storage.Tables, hub);
        var big = OrchestrationJson.Serialize(new string('x', 100_000));
        Assert.True(await store.TryCreateAsync(Pending("big") with { Input = big }, CancellationToken.None));
        var state = (await store.LoadAsync("big", CancellationToken.None))!;
        var events = Enumerable.Range(0, 400).Select(i => HistoryEvent.TaskScheduled(Now, i, "Delete", OrchestrationJson.Serialize(new { digest = $"sha256:{i:D64}" }))).ToList();

        Assert.NotNull(await store.TryCommitAsync(state, events, state.Instance with { Output = big }, CancellationToken.None));

        var reloaded = (await new InstanceStore(storage.Tables, hub).LoadAsync("big", CancellationToken.None))!;
        Assert.Equal(big, reloaded.Instance.Input);
        Assert.Equal(big, reloaded.Instance.Output);
        Assert.Equal(events, reloaded.History.Events);
    }

    [Fact]
    public async Task The_listing_filters_by_status_name_and_creation_time_and_pages_with_a_continuation_token()
    {
        var store = new InstanceStore(storage.Tables, AzuriteFixture.NewHub());
        for (var i = 0; i < 7; i++)
        {
            await store.TryCreateAsync(Pending($"build-{i}") with { Name = i % 2 == 0 ? "Build" : "Other", CreatedTime = Now.AddHours(i) }, CancellationToken.None);
        }

        var builds = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(new InstanceQuery([OrchestrationRuntimeStatus.Pending], "Build", Now.AddHours(1), Now.AddHours(6)), 1, token, CancellationToken.None);
            builds.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(["build-2", "build-4", "build-6"], builds.Order());
        Assert.True(pages >= 3);
        Assert.Empty((await store.ListAsync(new InstanceQuery([OrchestrationRuntimeStatus.Completed]), 10, null, CancellationToken.None)).Instances);
    }

    [Fact]
    public async Task Purging_removes_the_instance_and_every_history_row()
    {
        var hub = AzuriteFixture.NewHub();
        var store = new InstanceStore(storage.Tables, hub);
        await store.TryCreateAsync(Pending("gone"), CancellationToken.None);
        var state = (await store.LoadAsync("gone", CancellationToken.None))!;
        for (var i = 0; i < 3; i++)
        {
            state = await store.TryCommitAsync(state, [HistoryEvent.OrchestratorStarted(Now)], state.Instance, CancellationToken.None);
            Assert.NotNull(state);
        }

        Assert.True(await store.PurgeAsync(state!.Instance, CancellationToken.None));

        Assert.Null(await store.GetAsync("gone", CancellationToken.None));
        Assert.Empty(storage.Tables.GetTableClient(hub.HistoryTable).Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "gone").ToList());
    }

    private static InstanceRecord Pending(string id) => new(id, "Build", OrchestrationRuntimeStatus.Pending, null, null, null, Now, Now);
}
