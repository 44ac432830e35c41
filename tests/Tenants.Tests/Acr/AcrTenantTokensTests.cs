using System.Net;
using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orbit.Registry.References;
using Orbit.Tenants.Acr;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Tests.Acr;

/// <summary>
/// ACR tenant tokens against recorded ARM exchanges, never against Azure (which this machine cannot reach): the
/// recordings are written from the published API shapes, so they prove our side of the conversation only.
/// </summary>
public sealed class AcrTenantTokensTests
{
    private const string ArmToken = "fixed-arm-token-for-tests";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 4, 30, 0, TimeSpan.Zero);

    private static readonly Tenant Acme = new(
        TenantId.Parse("acme"), TenantState.Active, RepositoryName.Parse("tenants/tenant-acme"), Now.AddDays(-3), null, TenantKeyHash.Of("acme-key"));

    [Fact]
    public async Task Acr_issues_the_generated_password_after_creating_scope_map_and_token_in_the_recorded_order()
    {
        var exchange = RecordedArmExchange.Load("issue-new-tenant.json", ArmToken);
        var credential = new FixedTokenCredential(ArmToken);
        await using var services = Services(exchange, credential, new CapturingLoggerProvider());

        var issued = await services.GetRequiredService<ITenantRegistryCredentials>().IssueAsync(Acme, CancellationToken.None);

        Assert.Equal(new TenantRegistryCredential("orbitacr.azurecr.io", "tenant-acme", "Qx7/vR2mN9kLp4TzW8yHc3bJf6GdS1aE", "tenants/tenant-acme", "latest", Now.AddMinutes(30)), issued);
        Assert.Equal(exchange.Recorded, exchange.Served);
        Assert.All(credential.RequestedScopes, scope => Assert.Equal("https://management.azure.com/.default", scope));
    }

    [Fact]
    public async Task Acr_retries_a_throttled_request_after_its_retry_after()
    {
        var exchange = RecordedArmExchange.Load("issue-throttled-then-existing-tenant.json", ArmToken);
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), new CapturingLoggerProvider());

        var issued = await services.GetRequiredService<ITenantRegistryCredentials>().IssueAsync(Acme, CancellationToken.None);

        Assert.Equal("mT4+hW9cK2vB7nQ5xZ1rL8pD3fJ6sG0y", issued.Password);
        Assert.Equal(exchange.Recorded, exchange.Served);
    }

    [Fact]
    public async Task Acr_refusal_to_write_the_scope_map_fails_with_arm_code_and_message_logged_for_the_operator_without_retrying()
    {
        var exchange = RecordedArmExchange.Load("scope-map-forbidden.json", ArmToken);
        var logs = new CapturingLoggerProvider();
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), logs);

        var failure = await Assert.ThrowsAsync<AcrRequestFailedException>(() => services.GetRequiredService<ITenantRegistryCredentials>().IssueAsync(Acme, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, failure.Status);
        Assert.Equal("AuthorizationFailed", failure.ErrorCode);
        Assert.Contains("Microsoft.ContainerRegistry/registries/scopeMaps/write", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.False(failure.IsTransient);
        Assert.DoesNotContain(ArmToken, failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(exchange.Recorded, exchange.Served);
        Assert.Contains("ARM answered 403 AuthorizationFailed", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ArmToken, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acr_conflict_on_the_token_fails_with_arm_code_and_message()
    {
        var exchange = RecordedArmExchange.Load("token-conflict.json", ArmToken);
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), new CapturingLoggerProvider());

        var failure = await Assert.ThrowsAsync<AcrRequestFailedException>(() => services.GetRequiredService<ITenantRegistryCredentials>().IssueAsync(Acme, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Conflict, failure.Status);
        Assert.Equal("Conflict", failure.ErrorCode);
        Assert.Contains("Another operation is in progress", failure.Message, StringComparison.Ordinal);
        Assert.Equal(exchange.Recorded, exchange.Served);
    }

    [Fact]
    public async Task Acr_long_running_operation_ending_failed_fails_with_its_error()
    {
        var exchange = RecordedArmExchange.Load("token-operation-failed.json", ArmToken);
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), new CapturingLoggerProvider());

        var failure = await Assert.ThrowsAsync<AcrRequestFailedException>(() => services.GetRequiredService<ITenantRegistryCredentials>().IssueAsync(Acme, CancellationToken.None));

        Assert.Equal("InternalServerError", failure.ErrorCode);
        Assert.Equal("The token could not be updated. Please retry.", failure.ErrorMessage);
        Assert.Equal(exchange.Recorded, exchange.Served);
    }

    [Fact]
    public async Task Acr_password_and_arm_token_never_appear_in_logs_at_any_level()
    {
        var exchange = RecordedArmExchange.Load("issue-new-tenant.json", ArmToken);
        var logs = new CapturingLoggerProvider();
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), logs);

        var issued = await services.GetRequiredService<ITenantRegistryCredentials>().IssueAsync(Acme, CancellationToken.None);

        Assert.Contains("Issued an ACR token password for tenant acme", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Password, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ArmToken, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Password, issued.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acr_revoking_a_deleted_tenant_deletes_its_token_then_its_scope_map_and_waits_for_both_deletions_to_finish()
    {
        var exchange = RecordedArmExchange.Load("revoke-deleted-tenant.json", ArmToken);
        var logs = new CapturingLoggerProvider();
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), logs);

        await services.GetRequiredService<ITenantRegistryCredentials>().RevokeAsync(Acme.Id, CancellationToken.None);

        Assert.Equal(exchange.Recorded, exchange.Served);
        Assert.Contains("Deleted the ACR token and scope map tenant-acme of deleted tenant acme", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ArmToken, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acr_revoking_again_finds_token_and_scope_map_gone_and_succeeds()
    {
        var exchange = RecordedArmExchange.Load("revoke-already-gone.json", ArmToken);
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), new CapturingLoggerProvider());

        await services.GetRequiredService<ITenantRegistryCredentials>().RevokeAsync(Acme.Id, CancellationToken.None);

        Assert.Equal(exchange.Recorded, exchange.Served);
    }

    [Fact]
    public async Task Acr_refusal_to_delete_the_token_fails_with_arm_code_logged_and_leaves_the_scope_map_alone()
    {
        var exchange = RecordedArmExchange.Load("revoke-forbidden.json", ArmToken);
        var logs = new CapturingLoggerProvider();
        await using var services = Services(exchange, new FixedTokenCredential(ArmToken), logs);

        var failure = await Assert.ThrowsAsync<AcrRequestFailedException>(() => services.GetRequiredService<ITenantRegistryCredentials>().RevokeAsync(Acme.Id, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, failure.Status);
        Assert.Equal("AuthorizationFailed", failure.ErrorCode);
        Assert.Equal(exchange.Recorded, exchange.Served);
        Assert.Contains("ACR could not delete the token and scope map of deleted tenant acme: ARM answered 403 AuthorizationFailed", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Acr_names_fit_its_fifty_character_limit_and_stay_distinct_for_long_tenant_ids()
    {
        var longId = TenantId.Parse(new string('a', 60) + "-1");
        var otherLongId = TenantId.Parse(new string('a', 60) + "-2");

        Assert.Equal("tenant-acme", AcrTenantTokens.NameFor(Acme.Id));
        Assert.InRange(AcrTenantTokens.NameFor(longId).Length, 5, 50);
        Assert.NotEqual(AcrTenantTokens.NameFor(longId), AcrTenantTokens.NameFor(otherLongId));
    }

    [Fact]
    public async Task Acr_is_used_only_when_chosen_and_the_issuer_otherwise()
    {
        await using var distribution = Services(RecordedArmExchange.Load("issue-new-tenant.json", ArmToken), new FixedTokenCredential(ArmToken), new CapturingLoggerProvider(), RegistryKind.Distribution);
        await using var acr = Services(RecordedArmExchange.Load("issue-new-tenant.json", ArmToken), new FixedTokenCredential(ArmToken), new CapturingLoggerProvider());

        Assert.IsType<IssuerRegistryCredentials>(distribution.GetRequiredService<ITenantRegistryCredentials>());
        Assert.IsType<AcrTenantTokens>(acr.GetRequiredService<ITenantRegistryCredentials>());
    }

    private static ServiceProvider Services(RecordedArmExchange exchange, TokenCredential credential, CapturingLoggerProvider logs, RegistryKind kind = RegistryKind.Acr)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:RegistryKind"] = kind.ToString(),
            ["Tenants:RegistryHost"] = "orbitacr.azurecr.io",
            ["Tenants:Acr:SubscriptionId"] = "3f2c6a8e-1d4b-4c7a-9e2f-5b8d0a6c4e11",
            ["Tenants:Acr:ResourceGroup"] = "orbit-rg",
            ["Tenants:Acr:RegistryName"] = "orbitacr",

            // The recordings' Retry-After on polls would only slow the tests down.
            ["Tenants:Acr:PollInterval"] = "00:00:00.010",
            ["Tenants:Acr:MaxPollInterval"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(new FrozenTimeProvider(Now));
        services.AddSingleton(credential);

        // Never called: the issuer path is only resolved, to see which one the setting picks.
        services.AddSingleton(new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1")));
        services.AddTenants(configuration);
        services.AddHttpClient<AcrTenantTokens>().ConfigurePrimaryHttpMessageHandler(() => exchange);
        return services.BuildServiceProvider();
    }
}
