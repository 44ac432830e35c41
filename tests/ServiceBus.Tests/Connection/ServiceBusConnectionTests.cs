namespace Orbit.ServiceBus.Tests.Connection;

public sealed class ServiceBusConnectionTests
{
    private const string Key = "c2VjcmV0LWtleS1ub3QtdG8tbG9nPQ==";

    [Fact]
    public void A_Service_Bus_connection_string_becomes_AMQPS_on_5671_with_the_key_name_and_key_as_SASL_PLAIN()
    {
        var connection = ServiceBusConnection.Parse($"Endpoint=sb://orbit-events.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey={Key}");

        Assert.Equal(new ServiceBusConnection("orbit-events.servicebus.windows.net", 5671, true, new SharedKeySignIn("listen", Key), BrokerKind.AzureServiceBus), connection);
        var address = connection.ToAddress();
        Assert.Equal("AMQPS", address.Scheme, ignoreCase: true);
        Assert.Equal(("listen", Key), (address.User, address.Password));
    }

    [Fact]
    public void Key_order_case_spacing_and_an_EntityPath_do_not_matter_in_a_Service_Bus_connection_string()
    {
        var connection = ServiceBusConnection.Parse($" sharedaccesskey={Key} ; ENDPOINT=sb://ns.servicebus.windows.net ; SharedAccessKeyName=rule;EntityPath=tenants; ");

        Assert.Equal(("ns.servicebus.windows.net", 5671, new SharedKeySignIn("rule", Key)), (connection.Host, connection.Port, connection.SignIn));
    }

    [Fact]
    public void An_amqp_uri_is_a_plain_broker_on_5672_by_default_with_escaped_credentials_read_back()
    {
        var connection = ServiceBusConnection.Parse("amqp://orbit:p%40ss%3Aword@127.0.0.1");

        Assert.Equal(new ServiceBusConnection("127.0.0.1", 5672, false, new SharedKeySignIn("orbit", "p@ss:word"), BrokerKind.RabbitMq), connection);
        Assert.Equal(5671, ServiceBusConnection.Parse("amqps://u:p@broker.example").Port);
        Assert.Equal(15672, ServiceBusConnection.Parse("amqp://u:p@localhost:15672").Port);
    }

    [Theory]
    [InlineData("", "is not set")]
    [InlineData("   ", "is not set")]
    [InlineData("Endpoint=https://ns.servicebus.windows.net/;SharedAccessKeyName=rule;SharedAccessKey=" + Key, "no 'Endpoint=sb://")]
    [InlineData("SharedAccessKeyName=rule;SharedAccessKey=" + Key, "no 'Endpoint=sb://")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=" + Key, "no SharedAccessKeyName")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=rule", "no SharedAccessKey for the policy 'rule'")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=rule;SharedAccessKey=", "no SharedAccessKey")]
    [InlineData("amqp://127.0.0.1:5672", "has no user and password")]
    [InlineData("amqp://orbit@127.0.0.1:5672", "has no user and password")]
    [InlineData("orbit-events.servicebus.windows.net", "neither")]
    public void Unusable_connections_are_refused_with_a_message_that_names_what_is_missing(string connection, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusConnection.Parse(connection));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(Key, error.Message);
    }

    [Fact]
    public void The_password_never_appears_when_a_connection_is_written_out()
    {
        var connection = ServiceBusConnection.Parse($"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=rule;SharedAccessKey={Key}");

        Assert.Equal("amqps://rule@ns.servicebus.windows.net:5671", connection.ToString());
        Assert.DoesNotContain(Key, $"{connection}");
    }
}
