using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    [Fact]
    public void The_identity_based_form_is_valid_with_the_Service_Bus_profile_and_refused_with_RabbitMQs_which_has_no_claims_based_authorization()
    {
        var settings = new Dictionary<string, string?> { ["fullyQualifiedNamespace"] = "ns.servicebus.windows.net", ["credential"] = "managedidentity" };

        Assert.Empty(new ServiceBusOptions { ConnectionSettings = settings }.Validate());
        Assert.Empty(new ServiceBusOptions { ConnectionSettings = settings, Profile = BrokerKind.AzureServiceBus }.Validate());
        var problem = Assert.Single(new ServiceBusOptions { ConnectionSettings = settings, Profile = BrokerKind.RabbitMq }.Validate());
        Assert.Contains("RabbitMq has no claims-based authorization", problem);
    }

    [Fact]
    public void Settings_under_ServiceBus_Connection_as_the_template_writes_them_reach_the_options_and_pass_validation_at_start()
    {
        var options = OptionsFrom(new Dictionary<string, string?>
        {
            ["ServiceBus:Entity"] = "tenant-events/Subscriptions/orbit",
            ["ServiceBus:Connection:fullyQualifiedNamespace"] = "orbit-events.servicebus.windows.net",
            ["ServiceBus:Connection:credential"] = "managedidentity",
            ["ServiceBus:Connection:clientId"] = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        });

        Assert.Null(options.Connection);
        Assert.Equal(3, options.ConnectionSettings.Count);
        var connection = options.ParseConnection();
        Assert.Equal("orbit-events.servicebus.windows.net", connection.Host);
        Assert.Equal(new EntraIdSignIn(EntraIdCredentialKind.ManagedIdentity, "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"), connection.SignIn);
    }

    [Fact]
    public void A_connection_string_beside_identity_based_settings_stops_the_app_at_start_saying_so_without_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => OptionsFrom(new Dictionary<string, string?>
        {
            ["ServiceBus:Entity"] = "tenant-events",
            ["ServiceBus:Connection"] = "amqps://orbit:very-secret@broker.example:5671",
            ["ServiceBus:Connection:fullyQualifiedNamespace"] = "orbit-events.servicebus.windows.net",
        }));

        Assert.Contains("ServiceBus:Connection is given twice", error.Message);
        Assert.DoesNotContain("very-secret", error.Message);
    }

    [Fact]
    public void Options_written_out_show_where_they_connect_and_as_whom_but_never_a_key_or_password()
    {
        var withKey = new ServiceBusOptions
        {
            Connection = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=very-secret",
            Entity = "tenant-events",
        };
        var withSecretBesideTheIdentity = new ServiceBusOptions
        {
            ConnectionSettings = new Dictionary<string, string?> { ["fullyQualifiedNamespace"] = "ns.servicebus.windows.net", ["clientSecret"] = "very-secret" },
        };

        Assert.Contains("Connection = amqps://listen@ns.servicebus.windows.net:5671, Entity = tenant-events", withKey.ToString());
        Assert.Contains("Connection = (not usable)", withSecretBesideTheIdentity.ToString());
        Assert.DoesNotContain("very-secret", withKey.ToString());
        Assert.DoesNotContain("very-secret", withSecretBesideTheIdentity.ToString());
        Assert.DoesNotContain("very-secret", $"{withKey with { MaxConcurrentCalls = 2 }}");
    }

    private static ServiceBusOptions OptionsFrom(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddServiceBusTrigger<IgnoringFunction>(configuration, "TenantEvents").BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
    }

    private sealed class IgnoringFunction : IServiceBusFunction
    {
        public Task RunAsync(ServiceBusMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
