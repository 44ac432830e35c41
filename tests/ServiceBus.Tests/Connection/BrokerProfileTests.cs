using Amqp.Types;

namespace Orbit.ServiceBus.Tests.Connection;

public sealed class BrokerProfileTests
{
    [Fact]
    public void On_RabbitMQ_a_queue_is_addressed_as_an_existing_durable_queue_and_broker_addresses_pass_through()
    {
        Assert.Equal("/amq/queue/tenant-events", BrokerProfile.RabbitMq.SourceAddress(ServiceBusEntity.Parse("tenant-events")));
        Assert.Equal("/queue/scratch", BrokerProfile.RabbitMq.SourceAddress(ServiceBusEntity.Parse("/queue/scratch")));
    }

    [Fact]
    public void On_Service_Bus_queues_and_subscriptions_are_addressed_by_their_path()
    {
        var subscription = ServiceBusEntity.Parse("tenants/Subscriptions/orbit");

        Assert.Equal(("tenants", "orbit"), (subscription.Topic, subscription.Subscription));
        Assert.Equal("tenants/Subscriptions/orbit", BrokerProfile.AzureServiceBus.SourceAddress(subscription));
        Assert.Equal("tenant-events", BrokerProfile.AzureServiceBus.SourceAddress(ServiceBusEntity.Parse("tenant-events")));
    }

    [Fact]
    public void A_topic_subscription_on_RabbitMQ_is_refused_with_what_to_do_instead()
    {
        var error = Assert.Throws<FormatException>(() => BrokerProfile.RabbitMq.SourceAddress(ServiceBusEntity.Parse("tenants/subscriptions/orbit")));

        Assert.Contains("bind a durable queue", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tenant events")]
    [InlineData("tenants/orbit")]
    [InlineData("tenants/Rules/orbit")]
    [InlineData("tenants/Subscriptions/")]
    public void Entities_that_are_neither_a_queue_nor_a_subscription_are_refused(string? entity)
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusEntity.Parse(entity));

        Assert.Contains("ServiceBus:Entity", error.Message);
    }

    [Fact]
    public void Service_Bus_dead_letters_by_a_reject_with_its_condition_and_the_reason_RabbitMQ_by_a_plain_reject()
    {
        var error = BrokerProfile.AzureServiceBus.DeadLetterError("UnknownEvent", "no such type");

        Assert.NotNull(error);
        Assert.Equal("com.microsoft:dead-letter", (string)error.Condition);
        Assert.Equal("no such type", error.Description);
        Assert.Equal("UnknownEvent", error.Info[new Symbol("DeadLetterReason")]);
        Assert.Equal("no such type", error.Info[new Symbol("DeadLetterErrorDescription")]);
        Assert.Null(BrokerProfile.RabbitMq.DeadLetterError("UnknownEvent", "no such type"));
        Assert.False(BrokerProfile.RabbitMq.CountsDeliveriesOnRelease);
        Assert.True(BrokerProfile.AzureServiceBus.RequiresTls);
    }
}
