using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Orbit.Functions.Telemetry;
using Orbit.ServiceBus.Telemetry;

namespace Orbit.Quota.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    private const string ConnectionString = "InstrumentationKey=5f1c0a9e-3d7b-4c2a-9e61-2b8f4d0c7a13;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";
    private const string ClientId = "0b6a4c52-8f1e-4d93-a7c0-6e2d9b1f3a84";

    [Fact]
    public void Nothing_set_exports_nothing_and_is_valid()
    {
        var options = TelemetryOptions.From(Configuration([]));

        Assert.False(options.ExportsToAzureMonitor);
        Assert.False(options.ExportsToOtlp);
        Assert.True(new TelemetryOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_settings_the_Bicep_writes_export_to_Application_Insights_with_the_user_assigned_identity()
    {
        var options = TelemetryOptions.From(Configuration(new()
        {
            [TelemetryOptions.ConnectionStringSetting] = ConnectionString,
            [TelemetryOptions.AuthenticationStringSetting] = $"ClientId={ClientId};Authorization=AAD",
        }));

        Assert.True(options.ExportsToAzureMonitor);
        Assert.False(options.ExportsToOtlp);
        Assert.True(new TelemetryOptionsValidator().Validate(null, options).Succeeded);
        Assert.Null(ApplicationInsightsAuthentication.TryParse(options.ApplicationInsightsAuthentication!, out var credential));
        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Fact]
    public void Authorization_AAD_without_a_client_id_signs_in_with_DefaultAzureCredential()
    {
        Assert.Null(ApplicationInsightsAuthentication.TryParse("Authorization=AAD", out var credential));
        Assert.IsType<DefaultAzureCredential>(credential);
    }

    [Theory]
    [InlineData("InstrumentationKey=not-a-guid", null, null, "InstrumentationKey=<guid>")]
    [InlineData(ConnectionString + ";", "Authorization=Key", null, "must say Authorization=AAD")]
    [InlineData(ConnectionString, "ClientId=me;Authorization=AAD", null, "a GUID")]
    [InlineData(null, "Authorization=AAD", null, "set both, or neither")]
    [InlineData(null, null, "127.0.0.1:4317", "absolute http or https URL")]
    [InlineData("InstrumentationKey=5f1c0a9e-3d7b-4c2a-9e61-2b8f4d0c7a13;IngestionEndpoint=http://insecure/", null, null, "absolute https URL")]
    public void A_wrong_setting_fails_the_start_naming_the_setting_and_not_its_value(string? connectionString, string? authentication, string? otlp, string expected)
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions
        {
            ApplicationInsightsConnectionString = connectionString,
            ApplicationInsightsAuthentication = authentication,
            OtlpEndpoint = otlp,
        });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("5f1c0a9e", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxDeliveryCountExceeded", "MaxDeliveryCountExceeded")]
    [InlineData("MalformedTenantEvent", "MalformedTenantEvent")]
    [InlineData("the handler failed: password=hunter2", ServiceBusTelemetry.OtherReason)]
    [InlineData("", ServiceBusTelemetry.OtherReason)]
    public void A_dead_letter_reason_is_counted_by_its_code_and_free_text_as_Other(string reason, string category)
    {
        Assert.Equal(category, ServiceBusTelemetry.CategoryOf(reason));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
