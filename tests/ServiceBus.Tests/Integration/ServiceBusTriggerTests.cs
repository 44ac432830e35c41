using System.Text;
using Amqp.Framing;
using Orbit.Testing;

namespace Orbit.ServiceBus.Tests.Integration;

/// <summary>The worker's Service Bus trigger, in the test app run by the local host, against a real RabbitMQ over AMQP 1.0.</summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusTriggerTests(BrokerFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_message_is_handled_once_with_its_properties_and_accepted_only_then_leaving_the_queue_empty()
    {
        var id = NewId("ok");
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);

        await client.SendAsync(fixture.Queue, [($"m-{id}", $$"""{"id":"{{id}}","delayMilliseconds":15000}""")], kind: "TenantCreated");

        // Peek-lock: while the handler runs (15 s; rabbitmqctl takes seconds to answer on a loaded machine), the message is the broker's still, delivered but not settled.
        await Eventually.ReturnsAsync(() => fixture.App.RecordedAsync($"delivery-{id}"), rows => rows.Count == 1, Patience, "the delivery");
        Assert.Equal(1, await fixture.Broker.CountMessagesAsync(fixture.Queue));
        var effect = await Eventually.ReturnsAsync(
            async () => (await fixture.App.RecordedAsync("effect")).Where(row => row.RowKey == $"m-{id}").ToList(), rows => rows.Count == 1, Patience, "the effect");
        Assert.Equal(id, effect[0].GetString("EventId"));
        var delivery = Assert.Single(await fixture.App.RecordedAsync($"delivery-{id}"));
        Assert.Equal((1, "TenantCreated"), (delivery.GetInt32("Attempt"), delivery.GetString("Kind")));
        await Eventually.ReturnsAsync(() => fixture.Broker.CountMessagesAsync(fixture.Queue), count => count == 0, Patience, "the queue to be empty (message accepted)");
    }

    [Fact]
    public async Task A_handler_throwing_DeadLetterException_sends_the_message_to_the_dead_letter_queue_at_once_with_its_reason_recorded()
    {
        var id = NewId("dead");
        var body = $$"""{"id":"{{id}}","mode":"deadletter"}""";
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);

        await client.SendAsync(fixture.Queue, [($"m-{id}", body), ($"m-{id}-malformed", "this is not json")]);

        var deadLetters = await client.TakeAsync(RabbitMqServer.DeadLetterQueueOf(fixture.Queue), 2, Patience);
        Assert.Equal([$"m-{id}", $"m-{id}-malformed"], deadLetters.Select(message => message.Properties.MessageId).Order());
        Assert.Equal(body, Encoding.UTF8.GetString(((Data)deadLetters.Single(message => message.Properties.MessageId == $"m-{id}").BodySection).Binary));
        var reasons = await fixture.DeadLetterReasonsAsync();
        Assert.Equal("UnknownEvent", reasons[$"m-{id}"].GetString("DeadLetterReason"));
        Assert.Contains("no known type", reasons[$"m-{id}"].GetString("DeadLetterErrorDescription"));
        Assert.Equal("MalformedMessage", reasons[$"m-{id}-malformed"].GetString("DeadLetterReason"));
        Assert.Single(await fixture.App.RecordedAsync($"delivery-{id}"));
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.App.Process.Output), output => output.Contains($"dead-lettered message m-{id}. Reason: UnknownEvent", StringComparison.Ordinal), Patience,
            "the worker's log, through the host's, to say why the message was dead-lettered");
    }

    [Fact]
    public async Task A_failing_message_is_redelivered_and_dead_lettered_after_MaxDeliveryCount_attempts_counted_by_the_trigger()
    {
        var id = NewId("fail");
        await using var client = await AmqpTestClient.ConnectAsync(fixture.Broker);

        await client.SendAsync(fixture.Queue, [($"m-{id}", $$"""{"id":"{{id}}","mode":"fail"}""")]);

        var deadLetter = Assert.Single(await client.TakeAsync(RabbitMqServer.DeadLetterQueueOf(fixture.Queue), 1, Patience));
        Assert.Equal($"m-{id}", deadLetter.Properties.MessageId);
        var deliveries = await fixture.App.RecordedAsync($"delivery-{id}");
        Assert.Equal(Enumerable.Range(1, BrokerFixture.MaxDeliveryCount), deliveries.Select(row => row.GetInt32("Attempt") ?? 0).Order());
        // RabbitMQ does not count released deliveries: the attempts above are the trigger's own count.
        Assert.All(deliveries, row => Assert.Equal(0L, row.GetInt64("BrokerDeliveryCount")));
        var reason = (await fixture.DeadLetterReasonsAsync())[$"m-{id}"];
        Assert.Equal("MaxDeliveryCountExceeded", reason.GetString("DeadLetterReason"));
        Assert.Contains($"failed {BrokerFixture.MaxDeliveryCount} times", reason.GetString("DeadLetterErrorDescription"));
    }

    [Fact]
    public async Task Broker_restarted_while_100_messages_are_in_flight_all_100_are_handled_each_effect_once_and_none_lost()
    {
        var id = NewId("restart");
        var messageIds = Enumerable.Range(0, 100).Select(i => $"m-{id}-{i:D3}").ToList();
        await using (var client = await AmqpTestClient.ConnectAsync(fixture.Broker))
        {
            await client.SendAsync(fixture.Queue, messageIds.Select(messageId => (messageId, $$"""{"id":"{{messageId}}","delayMilliseconds":400}""")));
        }

        async Task<List<string>> EffectsAsync() => (await fixture.App.RecordedAsync("effect")).Select(row => row.RowKey).Where(messageIds.Contains).ToList();
        await Eventually.ReturnsAsync(EffectsAsync, effects => effects.Count >= 5, Patience, "the first effects");
        await fixture.Broker.RestartAsync();

        var effects = await Eventually.ReturnsAsync(EffectsAsync, found => found.Count >= 100, TimeSpan.FromSeconds(120), "all 100 effects");
        Assert.Equal(messageIds, effects.Order());
        await Eventually.ReturnsAsync(() => fixture.Broker.CountMessagesAsync(fixture.Queue), count => count == 0, Patience, "the queue to be empty");
        Assert.Equal(0, await fixture.Broker.CountMessagesAsync(RabbitMqServer.DeadLetterQueueOf(fixture.Queue)));
        Assert.Contains("reconnecting", fixture.App.Process.Output);
    }

    [Fact]
    public async Task An_app_with_an_unusable_connection_string_does_not_start_and_says_why_without_the_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.StartAppAsync("bus-bad", new Dictionary<string, string?>
        {
            ["ServiceBus__Entity"] = "tenant-events",
            ["ServiceBus__Connection"] = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=do-not-print-me",
        }));

        Assert.Contains("no SharedAccessKeyName", error.Message);
        Assert.DoesNotContain("do-not-print-me", error.Message);
    }

    [Fact]
    public async Task An_app_with_the_templates_identity_based_connection_starts_and_its_listener_asks_that_managed_identity_for_a_token_retrying_while_none_answers()
    {
        const string clientId = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
        var settings = TestAppSettings.For(fixture.Azurite, "bus-identity", new Dictionary<string, string?>
        {
            ["ServiceBus__Entity"] = "tenant-events/Subscriptions/orbit",
            ["ServiceBus__Connection__fullyQualifiedNamespace"] = "orbit-events.servicebus.invalid",
            ["ServiceBus__Connection__credential"] = "managedidentity",
            ["ServiceBus__Connection__clientId"] = clientId,
            // No Azure here: the App Service identity endpoint, on a port nobody listens on, fails at once (IMDS would wait for its timeout).
            ["IDENTITY_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}/msi/token",
            ["IDENTITY_HEADER"] = "identity-header",
            ["ServiceBus__ReconnectMinDelay"] = "00:00:00.5",
            ["ServiceBus__ReconnectMaxDelay"] = "00:00:02",
        });

        await using var app = await FunctionHostProcess.StartAsync("bus-identity", TestAppPaths.ScriptRoot, settings, requireHealthy: false);

        // Before this change the options refused these settings and the worker never started.
        var expected = $"cannot connect to amqps://orbit-events.servicebus.invalid:5671 (Entra ID, managed identity {clientId})";
        var output = await Eventually.ReturnsAsync(() => Task.FromResult(app.Output), text => text.Contains(expected, StringComparison.Ordinal) && text.Contains("attempt 2", StringComparison.Ordinal), Patience,
            "the listener to try the managed identity twice");
        Assert.Contains("ManagedIdentityCredential", output[output.IndexOf(expected, StringComparison.Ordinal)..]);
        var health = await app.Http.GetAsync("/api/health");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"BusRecord (service bus tenant-events/Subscriptions/orbit)\":\"Retrying\"", await health.Content.ReadAsStringAsync());
        Assert.False(app.HasExited);
    }

    [Fact]
    public async Task An_app_given_a_connection_string_beside_identity_based_settings_does_not_start_and_says_so_without_the_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.StartAppAsync("bus-twice", new Dictionary<string, string?>
        {
            ["ServiceBus__Entity"] = "tenant-events",
            ["ServiceBus__Connection"] = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=do-not-print-me",
            ["ServiceBus__Connection__fullyQualifiedNamespace"] = "ns.servicebus.windows.net",
        }));

        Assert.Contains("ServiceBus:Connection is given twice", error.Message);
        Assert.DoesNotContain("do-not-print-me", error.Message);
    }

    private static string NewId(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..20];
}
