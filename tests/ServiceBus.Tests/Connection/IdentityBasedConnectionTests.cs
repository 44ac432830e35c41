using Azure.Identity;

namespace Orbit.ServiceBus.Tests.Connection;

/// <summary>ServiceBus:Connection in Azure Functions' identity-based form, as the template writes it.</summary>
public sealed class IdentityBasedConnectionTests
{
    private const string Namespace = "orbit-events.servicebus.windows.net";
    private const string ClientId = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    [Fact]
    public void The_templates_settings_sign_in_with_the_user_assigned_managed_identity_over_AMQPS_on_5671_without_SASL_credentials()
    {
        var connection = ServiceBusConnection.Parse(null, Settings(("fullyQualifiedNamespace", Namespace), ("credential", "managedidentity"), ("clientId", ClientId)));

        Assert.Equal(new ServiceBusConnection(Namespace, 5671, true, new EntraIdSignIn(EntraIdCredentialKind.ManagedIdentity, ClientId), BrokerKind.AzureServiceBus), connection);
        var address = connection.ToAddress();
        Assert.Equal("AMQPS", address.Scheme, ignoreCase: true);
        Assert.Equal((Namespace, 5671), (address.Host, address.Port));
        Assert.Null(address.User);
        Assert.Null(address.Password);
        Assert.IsType<ManagedIdentityCredential>(((EntraIdSignIn)connection.SignIn).CreateCredential());
    }

    [Fact]
    public void Without_a_credential_setting_the_token_comes_from_DefaultAzureCredential_and_names_and_values_are_read_regardless_of_case()
    {
        var withoutCredential = ServiceBusConnection.Parse("  ", Settings(("FULLYQUALIFIEDNAMESPACE", " Orbit-Events.ServiceBus.Windows.Net ")));
        var managed = ServiceBusConnection.Parse(null, Settings(("fullyqualifiednamespace", Namespace), ("Credential", "ManagedIdentity")));

        Assert.Equal(new EntraIdSignIn(EntraIdCredentialKind.DefaultAzureCredential, null), withoutCredential.SignIn);
        Assert.Equal(Namespace, withoutCredential.Host);
        Assert.IsType<DefaultAzureCredential>(((EntraIdSignIn)withoutCredential.SignIn).CreateCredential());
        Assert.Equal(new EntraIdSignIn(EntraIdCredentialKind.ManagedIdentity, null), managed.SignIn);
    }

    [Fact]
    public void Written_out_an_identity_based_connection_says_where_and_with_which_identity()
    {
        Assert.Equal(
            $"amqps://{Namespace}:5671 (Entra ID, managed identity {ClientId})",
            ServiceBusConnection.Parse(null, Settings(("fullyQualifiedNamespace", Namespace), ("credential", "managedidentity"), ("clientId", ClientId))).ToString());
        Assert.Equal(
            $"amqps://{Namespace}:5671 (Entra ID, DefaultAzureCredential)",
            ServiceBusConnection.Parse(null, Settings(("fullyQualifiedNamespace", Namespace))).ToString());
    }

    [Theory]
    [InlineData("fullyQualifiedNamespace is not a host name", "fullyQualifiedNamespace=sb://orbit-events.servicebus.windows.net/")]
    [InlineData("fullyQualifiedNamespace is not a host name", "fullyQualifiedNamespace=orbit-events.servicebus.windows.net:5671")]
    [InlineData("fullyQualifiedNamespace is not a host name", "fullyQualifiedNamespace=10.1.2.3")]
    [InlineData("fullyQualifiedNamespace is not set", "credential=managedidentity", "clientId=" + ClientId)]
    [InlineData("fullyQualifiedNamespace is not set", "fullyQualifiedNamespace= ")]
    [InlineData("credential 'clientsecret' is not supported", "fullyQualifiedNamespace=" + Namespace, "credential=clientsecret")]
    [InlineData("clientId is not a client id", "fullyQualifiedNamespace=" + Namespace, "clientId=orbit-identity")]
    [InlineData("ServiceBus:Connection:clientSecret, ServiceBus:Connection:tenantId is not read", "fullyQualifiedNamespace=" + Namespace, "tenantId=do-not-print-me", "clientSecret=do-not-print-me")]
    public void Unusable_identity_based_settings_are_refused_naming_the_setting_and_never_echoing_a_value_that_may_be_a_secret(string expected, params string[] settings)
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusConnection.Parse(null, Settings(settings.Select(setting => setting.Split('=', 2)).Select(pair => (pair[0], pair[1])).ToArray())));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("do-not-print-me", error.Message);
        Assert.DoesNotContain("sb://", error.Message);
    }

    [Fact]
    public void A_connection_string_and_identity_based_settings_together_are_refused_without_showing_the_key()
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusConnection.Parse(
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=do-not-print-me",
            Settings(("fullyQualifiedNamespace", Namespace), ("credential", "managedidentity"))));

        Assert.Contains("ServiceBus:Connection is given twice", error.Message);
        Assert.Contains("ServiceBus:Connection:credential, ServiceBus:Connection:fullyQualifiedNamespace", error.Message);
        Assert.DoesNotContain("do-not-print-me", error.Message);
    }

    private static Dictionary<string, string?> Settings(params (string Name, string Value)[] settings) =>
        settings.ToDictionary(setting => setting.Name, string? (setting) => setting.Value, StringComparer.OrdinalIgnoreCase);
}
