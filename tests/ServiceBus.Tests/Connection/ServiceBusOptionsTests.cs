namespace Orbit.ServiceBus.Tests.Connection;

public sealed class ServiceBusOptionsTests
{
    [Fact]
    public void The_defaults_with_a_connection_are_valid_and_give_credit_for_every_concurrent_call_plus_prefetch()
    {
        var options = new ServiceBusOptions { Connection = "amqp://u:p@127.0.0.1:5672", PrefetchCount = 4 };

        Assert.Empty(options.Validate());
        Assert.Equal((16, 10, 20), (options.MaxConcurrentCalls, options.MaxDeliveryCount, options.Credit));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_none_shows_the_key()
    {
        var options = new ServiceBusOptions
        {
            Connection = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=rule;SharedAccessKey=very-secret",
            Profile = BrokerKind.AzureServiceBus,
            MaxConcurrentCalls = 0,
            MaxDeliveryCount = 0,
            PrefetchCount = -1,
            ReconnectMinDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };

        var problems = options.Validate().ToList();

        Assert.Equal(4, problems.Count);
        Assert.All(problems, problem => Assert.DoesNotContain("very-secret", problem));
    }

    [Fact]
    public void The_Service_Bus_profile_over_a_plain_amqp_connection_is_refused()
    {
        var options = new ServiceBusOptions { Connection = "amqp://u:secret@127.0.0.1:5672", Profile = BrokerKind.AzureServiceBus };

        var problem = Assert.Single(options.Validate());

        Assert.Contains("needs AMQPS", problem);
        Assert.DoesNotContain("secret", problem);
    }
}
