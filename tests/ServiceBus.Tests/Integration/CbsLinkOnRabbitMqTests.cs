using Amqp;
using Orbit.ServiceBus.Cbs;

namespace Orbit.ServiceBus.Tests.Integration;

/// <summary>
/// The Entra ID sign-in's own AMQP code against a real broker that has no $cbs node (RabbitMQ): the accepting path
/// needs Azure Service Bus, which is not reachable here.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class CbsLinkOnRabbitMqTests(BrokerFixture fixture)
{
    [Fact]
    public async Task On_a_broker_without_a_cbs_node_a_put_token_request_goes_unanswered_and_fails_after_30_seconds_naming_the_audience()
    {
        var amqp = await new ConnectionFactory().CreateAsync(ServiceBusConnection.Parse(fixture.Broker.ConnectionString).ToAddress());
        var connection = new ReceiverConnection(amqp);
        try
        {
            // RabbitMQ takes both links and the request (it routes the message nowhere), so only the answer's timeout can tell.
            var cbs = await CbsLink.OpenAsync(connection, $"cbs-test-{Guid.NewGuid():N}", CancellationToken.None);
            var started = DateTime.UtcNow;

            var error = await Assert.ThrowsAsync<TimeoutException>(() => cbs.PutTokenAsync("amqp://127.0.0.1/tenant-events", "not-a-real-token", CancellationToken.None));

            Assert.Equal("Service Bus did not answer the put-token request for amqp://127.0.0.1/tenant-events within 30 s.", error.Message);
            Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(60));
            Assert.False(connection.Closed.IsCompleted);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
