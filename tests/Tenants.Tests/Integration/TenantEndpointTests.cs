using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Signing;
using Orbit.Tenants.Storage;
using Orbit.Testing;
using static Orbit.Tenants.Tests.Integration.ProblemAssertions;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>Creating and deleting tenants, tenant authentication, and every refusal: a problem, and nothing written.</summary>
[Collection(TenantRegistryCollection.Name)]
public sealed class TenantEndpointTests(TenantRegistryFixture fixture)
{
    [Fact]
    public async Task Creating_a_tenant_shows_its_key_once_and_creating_it_again_keeps_that_key()
    {
        var id = TenantRegistryFixture.NewTenantId();
        using var created = await fixture.CreateTenantAsync(id);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal(43, key.Length);
        Assert.Equal(fixture.RepositoryOf(id), body.GetProperty("repository").GetString());
        Assert.Equal(fixture.ImageOf(id), body.GetProperty("image").GetString());

        using var again = await fixture.CreateTenantAsync(id);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").ValueKind);

        using var password = await fixture.RegistryPasswordAsync(id, key);
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        var row = await fixture.TenantsTable.GetEntityAsync<Azure.Data.Tables.TableEntity>(id, "tenant");
        Assert.DoesNotContain(((IDictionary<string, object>)row.Value).Values, value => value is string text && text.Contains(key, StringComparison.Ordinal));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key))), row.Value.GetString("KeyHash"));
    }

    [Fact]
    public async Task Rotating_the_key_ends_the_old_key_and_every_password_issued_under_it()
    {
        var (id, oldKey) = await fixture.NewTenantAsync();
        using var passwordResponse = await fixture.RegistryPasswordAsync(id, oldKey);
        var oldPassword = (await passwordResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;

        using var rotated = await fixture.CreateTenantAsync(id, rotateKey: true);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        Assert.NotEqual(oldKey, newKey);

        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.RegistryPasswordAsync(id, oldKey));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(id, oldKey, $"repository:{fixture.RepositoryOf(id)}:pull"));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(id, oldPassword, $"repository:{fixture.RepositoryOf(id)}:pull"));
        using var withNewKey = await fixture.TokenResponseAsync(id, newKey, $"repository:{fixture.RepositoryOf(id)}:pull");
        Assert.Equal(HttpStatusCode.OK, withNewKey.StatusCode);
    }

    [Fact]
    public async Task A_deleted_tenant_can_neither_sign_in_nor_be_created_again()
    {
        var (id, key) = await fixture.NewTenantAsync();
        using var passwordResponse = await fixture.RegistryPasswordAsync(id, key);
        var password = (await passwordResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;

        using var deleted = await fixture.DeleteTenantAsync(id);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("deleted", (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        using var deletedAgain = await fixture.DeleteTenantAsync(id);
        Assert.Equal(HttpStatusCode.OK, deletedAgain.StatusCode);

        var rows = await fixture.TenantRowsAsync();
        var problem = await AssertProblemAsync(await fixture.CreateTenantAsync(id), HttpStatusCode.Conflict);
        Assert.Contains("not reused", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.RegistryPasswordAsync(id, key));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(id, key, $"repository:{fixture.RepositoryOf(id)}:pull"));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(id, password, $"repository:{fixture.RepositoryOf(id)}:pull"));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.DeployAsync(id, key, new { image = fixture.ImageOf(id) }));
        Assert.Equal(rows, await fixture.TenantRowsAsync());
    }

    [Fact]
    public async Task Deleting_an_unknown_tenant_is_not_found()
    {
        await AssertProblemAsync(await fixture.DeleteTenantAsync(TenantRegistryFixture.NewTenantId()), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ab")]
    [InlineData("Acme")]
    [InlineData("acme_corp")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("a/b/c")]
    public async Task Invalid_tenant_ids_are_refused_with_the_rule_and_nothing_written(string? id)
    {
        var rows = await fixture.TenantRowsAsync();

        var problem = await AssertProblemAsync(await fixture.CreateTenantAsync(id), HttpStatusCode.BadRequest);

        Assert.Contains("3 to 63 lowercase letters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(rows, await fixture.TenantRowsAsync());
    }

    [Fact]
    public async Task The_service_username_cannot_become_a_tenant()
    {
        var problem = await AssertProblemAsync(await fixture.CreateTenantAsync("orbit-service"), HttpStatusCode.BadRequest);
        Assert.Contains("reserved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("function-key-is-not-enough")]
    public async Task Creating_a_tenant_needs_the_master_key(string? presented)
    {
        var rows = await fixture.TenantRowsAsync();

        await AssertProblemAsync(await fixture.CreateTenantAsync(TenantRegistryFixture.NewTenantId(), masterKey: presented), HttpStatusCode.Unauthorized);

        Assert.Equal(rows, await fixture.TenantRowsAsync());
    }

    [Fact]
    public async Task Registry_passwords_are_refused_alike_for_unknown_tenants_wrong_keys_missing_keys_and_other_tenants_keys()
    {
        var (tenantA, keyA) = await fixture.NewTenantAsync();
        var (_, keyB) = await fixture.NewTenantAsync();
        var rows = await fixture.TenantRowsAsync();

        var details = new List<string?>();
        foreach (var (id, key) in new[] { (TenantRegistryFixture.NewTenantId(), keyA), (tenantA, keyA + "x"), (tenantA, null), (tenantA, keyB), (tenantA, string.Empty) })
        {
            using var response = await fixture.RegistryPasswordAsync(id, key);
            await AssertUnauthorizedWithBasicChallengeAsync(response);
            details.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }

        Assert.Single(details.Distinct());
        Assert.Equal(rows, await fixture.TenantRowsAsync());
    }

    [Fact]
    public async Task Basic_credentials_prove_a_tenant_only_under_its_own_id()
    {
        var (tenantA, keyA) = await fixture.NewTenantAsync();
        var (tenantB, _) = await fixture.NewTenantAsync();

        using var own = await PasswordWithBasicAsync(tenantA, tenantA, keyA);
        using var underAnotherId = await PasswordWithBasicAsync(tenantB, tenantA, keyA);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await AssertUnauthorizedWithBasicChallengeAsync(underAnotherId);
    }

    [Fact]
    public async Task A_malformed_tenant_id_in_the_path_is_a_bad_request()
    {
        await AssertProblemAsync(await fixture.RegistryPasswordAsync("Not_A_Tenant", "whatever"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await fixture.DeployAsync("Not_A_Tenant", "whatever", new { image = "x" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_token_endpoint_answers_wrong_credentials_with_a_Basic_challenge_and_nothing_else()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        var scope = $"repository:{fixture.RepositoryOf(tenant)}:pull";

        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(null, null, scope));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(tenant, key + "x", scope));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(tenant, string.Empty, scope));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(TenantRegistryFixture.NewTenantId(), key, scope));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync("orbit-service", "not-the-service-password", scope));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync("Not A Tenant", key, scope));

        var (otherTenant, _) = await fixture.NewTenantAsync();
        using var passwordResponse = await fixture.RegistryPasswordAsync(tenant, key);
        var password = (await passwordResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(otherTenant, key, scope));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(otherTenant, password, scope));
    }

    [Fact]
    public async Task A_registry_password_stops_working_when_it_expires()
    {
        var (id, _) = await fixture.NewTenantAsync();
        var stored = await new TenantStore(fixture.TenantsTable).GetAsync(TenantId.Parse(id), CancellationToken.None);
        var scope = $"repository:{fixture.RepositoryOf(id)}:pull";

        // Thirty-minute passwords issued an hour ago, with the app's own signing key.
        var expired = await PasswordsAt(TimeSpan.FromHours(-1)).IssueAsync(stored!.Tenant, CancellationToken.None);
        var current = await PasswordsAt(TimeSpan.Zero).IssueAsync(stored.Tenant, CancellationToken.None);

        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.TokenResponseAsync(id, expired.Password, scope));
        using var accepted = await fixture.TokenResponseAsync(id, current.Password, scope);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_another_service_and_malformed_scopes()
    {
        var (tenant, key) = await fixture.NewTenantAsync();

        using var otherService = await SendAsync($"/api/registry/token?service=someone-else&scope=repository:{fixture.RepositoryOf(tenant)}:pull", tenant, key);
        using var badScope = await fixture.TokenResponseAsync(tenant, key, "repository-without-actions");

        await AssertProblemAsync(otherService, HttpStatusCode.BadRequest);
        await AssertProblemAsync(badScope, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_token_request_without_scopes_gets_a_token_that_grants_nothing_as_docker_login_expects()
    {
        var (tenant, key) = await fixture.NewTenantAsync();

        var token = await fixture.TokenAsync(tenant, key);

        Assert.Equal(0, JwtPayload.Claims(token).GetProperty("access").GetArrayLength());
    }

    [Fact]
    public async Task Keys_passwords_and_tokens_never_reach_the_log()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        using var passwordResponse = await fixture.RegistryPasswordAsync(tenant, key);
        var password = (await passwordResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        var token = await fixture.TokenAsync(tenant, password, $"repository:{fixture.RepositoryOf(tenant)}:pull");
        using var refused = await fixture.TokenResponseAsync(tenant, key + "x", $"repository:{fixture.RepositoryOf(tenant)}:pull");

        var log = fixture.App.Output;
        Assert.Contains(tenant, log, StringComparison.Ordinal);
        foreach (var secret in new[] { key, password, token, TenantRegistryFixture.ServicePassword })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }

    private RegistryPasswords PasswordsAt(TimeSpan offset)
    {
        var options = Options.Create(new RegistryAuthOptions { Issuer = TenantRegistryFixture.Issuer, Service = TenantRegistryFixture.Service, KeyContainer = fixture.KeyContainer });
        var keys = new TokenSigningKeyStore(new BlobServiceClient(fixture.Azurite.ConnectionString), options, TimeProvider.System, NullLogger<TokenSigningKeyStore>.Instance);
        return new RegistryPasswords(keys, options, new ShiftedTimeProvider(offset));
    }

    private async Task<HttpResponseMessage> PasswordWithBasicAsync(string pathId, string username, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{pathId}/registry-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{key}")));
        return await fixture.App.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string username, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return await fixture.App.Http.SendAsync(request);
    }
}
