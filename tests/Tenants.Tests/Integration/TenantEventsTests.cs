using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Orbit.ServiceBus.Telemetry;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Storage;
using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>
/// Tenant lifecycle events from a real AMQP 1.0 broker into the real app: TenantDeleted takes the tenant's image out
/// of a real registry with token authentication; malformed events are dead-lettered and change nothing; a broker
/// restart with a hundred events in flight loses none and applies none twice.
/// </summary>
public sealed class TenantEventsTests(TenantEventsFixture fixture) : IClassFixture<TenantEventsFixture>
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(30);

    private TenantRegistryFixture Tenants => fixture.Tenants;

    [Fact]
    public async Task TenantDeleted_on_the_bus_takes_the_tenants_image_out_of_the_registry_and_the_event_is_settled()
    {
        var a = NewId("a");
        var b = NewId("b");
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);
        await client.SendAsync(fixture.EventsQueue, [Event("TenantCreated", a), Event("TenantCreated", b)]);
        await Eventually.ReturnsAsync(() => StateAsync(a), state => state == TenantState.Active, Seconds, $"tenant {a} to be created");
        await Eventually.ReturnsAsync(() => StateAsync(b), state => state == TenantState.Active, Seconds, $"tenant {b} to be created");
        var imageA = await fixture.Deletion.PushAsync(Tenants.RepositoryOf(a), "latest", seed: 41);
        var imageB = await fixture.Deletion.PushAsync(Tenants.RepositoryOf(b), "latest", seed: 42);

        await client.SendAsync(fixture.EventsQueue, [Event("TenantDeleted", a)]);

        await Eventually.ReturnsAsync(() => fixture.Deletion.TagsAsync(Tenants.RepositoryOf(a)), tags => tags.Count == 0, Seconds, $"{a}'s tag list to be empty");
        Assert.Null(await fixture.Deletion.HeadAsync(Tenants.RepositoryOf(a), "latest"));
        Assert.Equal(imageB.Digest, await fixture.Deletion.HeadAsync(Tenants.RepositoryOf(b), "latest"));
        Assert.Equal(TenantState.Deleted, await StateAsync(a));
        Assert.NotEqual(imageA.Digest, imageB.Digest);
        await Eventually.ReturnsAsync(() => fixture.Broker.CountMessagesAsync(fixture.EventsQueue), count => count == 0, Seconds, "the events queue to be empty (every event settled)");
        Assert.Equal(0, await fixture.Broker.CountMessagesAsync(RabbitMqServer.DeadLetterQueueOf(fixture.EventsQueue)));
    }

    [Fact]
    public async Task A_malformed_event_is_dead_lettered_with_its_reason_and_changes_nothing()
    {
        var before = await TenantRowsAsync();
        var unknown = NewId("x");
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);
        await client.SendAsync(fixture.EventsQueue,
        [
            ($"bad-{Guid.NewGuid():N}", "this is not json"),
            ($"bad-{Guid.NewGuid():N}", JsonSerializer.Serialize(new { specversion = "1.0", type = "TenantRenamed", id = "e-1", data = new { tenantId = unknown } })),
            ($"bad-{Guid.NewGuid():N}", JsonSerializer.Serialize(new { specversion = "1.0", type = "TenantCreated", id = "e-2", data = new { tenantId = "Not_A_Tenant" } })),
        ]);

        var deadLettered = await client.TakeAsync(RabbitMqServer.DeadLetterQueueOf(fixture.EventsQueue), 3, Seconds);
        Assert.Equal(3, deadLettered.Count);
        await Eventually.ReturnsAsync(() => Task.FromResult(Tenants.App.Output), output =>
            output.Contains("The body is not JSON", StringComparison.Ordinal)
            && output.Contains("Unknown event type 'TenantRenamed'", StringComparison.Ordinal)
            && output.Contains("data.tenantId 'Not_A_Tenant' is not a tenant id", StringComparison.Ordinal), Seconds, "each dead-letter reason in the app's log");
        Assert.Equal(before, await TenantRowsAsync());

        // Counted in the app's telemetry by reason code and queue, and the broker's password is in no payload.
        await Eventually.ReturnsAsync(
            () => Task.FromResult(new[] { ServiceBusTelemetry.DeadLetteredMetric, "MalformedTenantEvent", fixture.EventsQueue }.Where(text => !fixture.Telemetry.Received("metrics", text)).ToList()),
            missing => missing.Count == 0, Seconds, "the dead-letter counter with its reason and queue in the exported metrics");
        Assert.All(new[] { "traces", "metrics", "logs" }, signal =>
            Assert.DoesNotContain(fixture.Telemetry.Payloads(signal), payload => payload.Contains(fixture.Broker.Password, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_TenantDeleted_before_its_TenantCreated_leaves_a_tombstone_and_the_late_create_is_dead_lettered()
    {
        var late = NewId("late");
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);
        await client.SendAsync(fixture.EventsQueue, [Event("TenantDeleted", late)]);
        await Eventually.ReturnsAsync(() => StateAsync(late), state => state == TenantState.Deleted, Seconds, $"tenant {late} to be recorded as deleted");

        await client.SendAsync(fixture.EventsQueue, [Event("TenantCreated", late)]);

        var deadLettered = await client.TakeAsync(RabbitMqServer.DeadLetterQueueOf(fixture.EventsQueue), 1, Seconds);
        Assert.Equal($"TenantCreated-{late}", Assert.Single(deadLettered).Properties.MessageId);
        Assert.Equal(TenantState.Deleted, await StateAsync(late));
        await Eventually.ReturnsAsync(() => Task.FromResult(Tenants.App.Output), output => output.Contains($"tenant {late} was deleted, and a tenant id is never reused", StringComparison.Ordinal),
            Seconds, "the dead-letter reason in the app's log");
    }

    [Fact]
    public async Task A_broker_restart_with_a_hundred_events_in_flight_leaves_every_tenant_in_its_state_and_applies_none_twice()
    {
        var ids = Enumerable.Range(0, 100).Select(index => NewId($"r{index}")).ToList();
        var deleted = ids.Take(20).ToList();
        await using (var client = await AmqpTestClient.ConnectAsync(fixture.Broker))
        {
            await client.SendAsync(fixture.EventsQueue, ids.Select(id => Event("TenantCreated", id)));
        }

        // Restart while the app is still working through them: unsettled deliveries come back after the restart.
        await Eventually.ReturnsAsync(() => CountAsync(ids, TenantState.Active), count => count >= 5, Seconds, "the first events to be applied");
        await fixture.Broker.RestartAsync();
        await using (var client = await AmqpTestClient.ConnectAsync(fixture.Broker))
        {
            await Eventually.ReturnsAsync(() => CountAsync(ids, TenantState.Active), count => count == ids.Count, Seconds, "every tenant to be created");
            await client.SendAsync(fixture.EventsQueue, deleted.Select(id => Event("TenantDeleted", id)));
        }

        await Eventually.ReturnsAsync(() => CountAsync(deleted, TenantState.Deleted), count => count == deleted.Count, Seconds, "the deleted tenants to be deleted");
        Assert.Equal(ids.Count - deleted.Count, await CountAsync(ids.Except(deleted), TenantState.Active));
        var output = Tenants.App.Output;
        foreach (var id in ids)
        {
            // "created" once: a redelivered TenantCreated finds the tenant and keeps its key.
            Assert.Equal(1, Regex.Count(output, Regex.Escape($"tenant {id} created.")));
        }

        await Eventually.ReturnsAsync(() => fixture.Broker.CountMessagesAsync(fixture.EventsQueue), count => count == 0, Seconds, "every event settled");
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static (string MessageId, string Json) Event(string type, string tenant) =>
        ($"{type}-{tenant}", JsonSerializer.Serialize(new { specversion = "1.0", type, source = "/tests", id = $"{type}-{tenant}", time = DateTimeOffset.UtcNow, data = new { tenantId = tenant } }));

    private async Task<TenantState?> StateAsync(string tenant) =>
        (await new TenantStore(Tenants.TenantsTable).GetAsync(TenantId.Parse(tenant), CancellationToken.None))?.Tenant.State;

    private async Task<int> CountAsync(IEnumerable<string> tenants, TenantState state)
    {
        var count = 0;
        foreach (var tenant in tenants)
        {
            count += await StateAsync(tenant) == state ? 1 : 0;
        }

        return count;
    }

    private async Task<List<string>> TenantRowsAsync()
    {
        var rows = new List<string>();
        try
        {
            await foreach (var row in Tenants.TenantsTable.QueryAsync<TableEntity>())
            {
                rows.Add($"{row.PartitionKey}/{row.RowKey}/{row.ETag}");
            }
        }
        catch (Azure.RequestFailedException failure) when (failure.Status == 404)
        {
            // No tenant written yet (this test run alone): no rows, not an error.
        }

        return rows;
    }

}
