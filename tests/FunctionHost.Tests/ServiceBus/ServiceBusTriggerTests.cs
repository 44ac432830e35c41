using System.Text;
using Amqp.Framing;
using Azure.Data.Tables;
using Orbit.FunctionHost.Tests.Integration;
using Orbit.Testing;

namespace Orbit.FunctionHost.Tests.ServiceBus;

/// <summary>The Service Bus trigger of a real host process against a real RabbitMQ (AMQP 1.0) and Azurite.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ServiceBusTriggerTests(RabbitMqFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_message_is_handled_once_with_its_properties_and_accepted_leaving_the_queue_empty()
    {
        var (queue, results, attempts) = await PrepareAsync("ok");
        await using var host = await StartHostAsync("bus-ok", queue, results, attempts);
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);

        await client.SendAsync(queue, [("m-ok-1", """{"id":"ok1"}""")], kind: "TenantCreated");

        var effect = await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(results, "effect"), rows => rows.Count == 1, Patience, "the effect of the message");
        Assert.Equal(("m-ok-1", "ok1"), (effect[0].RowKey, effect[0].GetString("EventId")));
        var delivery = Assert.Single(await ResultRows.InPartitionAsync(results, "delivery-ok1"));
        Assert.Equal((1, "TenantCreated"), (delivery.GetInt32("Attempt"), delivery.GetString("Kind")));
        await Eventually.ReturnsAsync(() => fixture.Broker.CountMessagesAsync(queue), count => count == 0, Patience, "the queue to be empty (message accepted)");
    }

    [Fact]
    public async Task A_handler_throwing_DeadLetterException_sends_the_message_to_the_dead_letter_queue_at_once_with_its_reason_recorded()
    {
        var (queue, results, attempts) = await PrepareAsync("dead");
        await using var host = await StartHostAsync("bus-dead", queue, results, attempts);
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);
        var body = """{"id":"dl1","mode":"deadletter"}""";

        await client.SendAsync(queue, [("m-dead-1", body), ("m-malformed-1", "this is not json")]);

        var deadLetters = await client.TakeAsync(RabbitMqServer.DeadLetterQueueOf(queue), 2, Patience);
        Assert.Equal(["m-dead-1", "m-malformed-1"], deadLetters.Select(m => m.Properties.MessageId).Order());
        Assert.Equal(body, Encoding.UTF8.GetString(((Data)deadLetters.Single(m => m.Properties.MessageId == "m-dead-1").BodySection).Binary));
        var reasons = await ReasonsAsync(attempts);
        Assert.Equal("UnknownEvent", reasons["m-dead-1"].GetString("DeadLetterReason"));
        Assert.Contains("no known type", reasons["m-dead-1"].GetString("DeadLetterErrorDescription"));
        Assert.Equal("MalformedMessage", reasons["m-malformed-1"].GetString("DeadLetterReason"));
        Assert.Single(await ResultRows.InPartitionAsync(results, "delivery-dl1"));
        Assert.Equal(0, await fixture.Broker.CountMessagesAsync(queue));
        Assert.Contains("dead-lettered message m-dead-1. Reason: UnknownEvent", host.Output);
    }

    [Fact]
    public async Task A_transiently_failing_message_is_retried_and_dead_lettered_after_MaxDeliveryCount_attempts_counted_by_the_host()
    {
        var (queue, results, attempts) = await PrepareAsync("fail");
        await using var host = await StartHostAsync("bus-fail", queue, results, attempts, new() { ["ServiceBus__MaxDeliveryCount"] = "4" });
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);

        await client.SendAsync(queue, [("m-fail-1", """{"id":"f1","mode":"fail"}""")]);

        var deadLetter = Assert.Single(await client.TakeAsync(RabbitMqServer.DeadLetterQueueOf(queue), 1, Patience));
        Assert.Equal("m-fail-1", deadLetter.Properties.MessageId);
        var deliveries = await ResultRows.InPartitionAsync(results, "delivery-f1");
        Assert.Equal([1, 2, 3, 4], deliveries.Select(row => row.GetInt32("Attempt") ?? 0).Order());
        // RabbitMQ does not count released deliveries: the attempts above are the host's own count.
        Assert.All(deliveries, row => Assert.Equal(0L, row.GetInt64("BrokerDeliveryCount")));
        var reason = (await ReasonsAsync(attempts))["m-fail-1"];
        Assert.Equal("MaxDeliveryCountExceeded", reason.GetString("DeadLetterReason"));
        Assert.Contains("failed 4 times", reason.GetString("DeadLetterErrorDescription"));
    }

    [Fact]
    public async Task Broker_restarted_while_100_messages_are_in_flight_all_100_are_handled_each_effect_once_and_none_lost()
    {
        var (queue, results, attempts) = await PrepareAsync("restart");
        await using var host = await StartHostAsync("bus-restart", queue, results, attempts, new()
        {
            ["ServiceBus__MaxConcurrentCalls"] = "8",
            ["ServiceBus__ReconnectMinDelay"] = "00:00:00.5",
            ["ServiceBus__ReconnectMaxDelay"] = "00:00:03",
        });
        await using (var client = await AmqpTestClient.ConnectAsync(fixture.Broker))
        {
            await client.SendAsync(queue, Enumerable.Range(0, 100).Select(i => ($"m-r-{i:D3}", $$"""{"id":"r{{i:D3}}","delayMilliseconds":400}""")));
        }

        await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(results, "effect"), rows => rows.Count >= 5, Patience, "the first effects");
        await fixture.Broker.RestartAsync();

        var effects = await Eventually.ReturnsAsync(() => ResultRows.InPartitionAsync(results, "effect"), rows => rows.Count >= 100, TimeSpan.FromSeconds(120), "all 100 effects");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m-r-{i:D3}"), effects.Select(row => row.RowKey).Order());
        await Eventually.ReturnsAsync(() => fixture.Broker.CountMessagesAsync(queue), count => count == 0, Patience, "the queue to be empty");
        Assert.Equal(0, await fixture.Broker.CountMessagesAsync(RabbitMqServer.DeadLetterQueueOf(queue)));
        Assert.Contains("reconnecting", host.Output);
    }

    [Fact]
    public async Task A_host_with_an_unusable_connection_string_does_not_start_and_says_why_without_the_key()
    {
        var results = await fixture.CreateTableAsync(TestNames.Table("busbad"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Integration.TestApp.StartAsync(fixture.Storage, "bus-bad", new()
        {
            ["ResultsTable"] = results.Name,
            ["ServiceBus__Entity"] = "tenant-events",
            ["ServiceBus__Connection"] = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=do-not-print-me",
        }, requireHealthy: false));

        Assert.Contains("no SharedAccessKeyName", error.Message);
        Assert.DoesNotContain("do-not-print-me", error.Message);
    }

    private async Task<(string Queue, TableClient Results, TableClient Attempts)> PrepareAsync(string purpose)
    {
        var queue = TestNames.Queue($"bus-{purpose}");
        await fixture.Broker.DeclareQueueAsync(queue);
        return (queue, await fixture.CreateTableAsync(TestNames.Table("busresults")), await fixture.CreateTableAsync(TestNames.Table("busattempts")));
    }

    private Task<FunctionHostProcess> StartHostAsync(string instance, string queue, TableClient results, TableClient attempts, Dictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>(settings ?? [])
        {
            ["ResultsTable"] = results.Name,
            ["ServiceBus__Connection"] = fixture.Broker.ConnectionString,
            ["ServiceBus__Entity"] = queue,
            ["ServiceBus__AttemptsTable"] = attempts.Name,
        };
        environment.TryAdd("ServiceBus__RetryDelay", "00:00:00.1");
        return Integration.TestApp.StartAsync(fixture.Storage, instance, environment);
    }

    private static async Task<Dictionary<string, TableEntity>> ReasonsAsync(TableClient attempts) =>
        (await ResultRows.AllAsync(attempts)).Where(row => row.ContainsKey("DeadLetterReason")).ToDictionary(row => row.GetString("MessageId"));
}
