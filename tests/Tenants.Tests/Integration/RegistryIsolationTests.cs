using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orbit.Tenants.Scopes;
using Orbit.Tenants.Signing;
using Orbit.Tenants.Tokens;
using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>What the registry itself allows with credentials from the app: each tenant its own repository, nothing else.</summary>
[Collection(TenantRegistryCollection.Name)]
public sealed class RegistryIsolationTests(TenantRegistryFixture fixture)
{
    [Fact]
    public async Task A_tenants_registry_password_pushes_and_pulls_its_own_image()
    {
        var (tenant, key) = await fixture.NewTenantAsync();

        using var passwordResponse = await fixture.RegistryPasswordAsync(tenant, key);
        Assert.Equal(HttpStatusCode.OK, passwordResponse.StatusCode);
        var credentials = await passwordResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(fixture.RegistryHost, credentials.GetProperty("registry").GetString());
        Assert.Equal(tenant, credentials.GetProperty("username").GetString());
        Assert.Equal(fixture.RepositoryOf(tenant), credentials.GetProperty("repository").GetString());
        Assert.Equal("latest", credentials.GetProperty("tag").GetString());
        Assert.InRange(credentials.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow.AddHours(1));
        var password = credentials.GetProperty("password").GetString()!;
        Assert.NotEqual(key, password);

        var token = await fixture.TokenAsync(tenant, password, $"repository:{fixture.RepositoryOf(tenant)}:pull,push");
        using var pusher = new RegistryImagePusher(fixture.Registry.Url, _ => token);
        var image = await pusher.PushImageAsync(fixture.RepositoryOf(tenant), "latest", [RegistryImagePusher.Layer(1, 2048)]);

        using var pulled = await fixture.RegistryRequestAsync(HttpMethod.Get, $"/v2/{fixture.RepositoryOf(tenant)}/manifests/latest", token);
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        Assert.Equal(image.Digest, pulled.Headers.GetValues("Docker-Content-Digest").Single());
    }

    [Fact]
    public async Task Pull_push_and_delete_on_another_tenants_repository_are_refused_by_the_registry()
    {
        var (tenantA, keyA) = await fixture.NewTenantAsync();
        var (tenantB, keyB) = await fixture.NewTenantAsync();
        var imageB = await PushAsync(tenantB, keyB, seed: 2);
        var repositoryB = fixture.RepositoryOf(tenantB);

        // Asking for B's repository with A's key is answered, as the spec says, with a token that grants nothing there.
        var tokenForB = await fixture.TokenAsync(tenantA, keyA, $"repository:{repositoryB}:pull,push,delete");
        Assert.Equal([], JwtPayload.ActionsFor(tokenForB, "repository", repositoryB));
        var ownToken = await fixture.TokenAsync(tenantA, keyA, $"repository:{fixture.RepositoryOf(tenantA)}:pull,push");

        foreach (var token in new[] { tokenForB, ownToken })
        {
            using var pull = await fixture.RegistryRequestAsync(HttpMethod.Get, $"/v2/{repositoryB}/manifests/latest", token);
            using var push = await fixture.RegistryRequestAsync(HttpMethod.Post, $"/v2/{repositoryB}/blobs/uploads/", token);
            using var delete = await fixture.RegistryRequestAsync(HttpMethod.Delete, $"/v2/{repositoryB}/manifests/{imageB.Digest}", token);
            Assert.Equal(HttpStatusCode.Unauthorized, pull.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, push.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        }

        using var pusher = new RegistryImagePusher(fixture.Registry.Url, _ => ownToken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pusher.PushImageAsync(repositoryB, "latest", [RegistryImagePusher.Layer(3, 1024)]));

        var tokenOfB = await fixture.TokenAsync(tenantB, keyB, $"repository:{repositoryB}:pull");
        using var stillThere = await fixture.RegistryRequestAsync(HttpMethod.Get, $"/v2/{repositoryB}/manifests/latest", tokenOfB);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(imageB.Digest, stillThere.Headers.GetValues("Docker-Content-Digest").Single());
    }

    [Fact]
    public async Task A_tenant_cannot_delete_even_its_own_image_but_the_service_identity_can()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        var image = await PushAsync(tenant, key, seed: 4);
        var repository = fixture.RepositoryOf(tenant);

        var tenantToken = await fixture.TokenAsync(tenant, key, $"repository:{repository}:delete");
        using var refused = await fixture.RegistryRequestAsync(HttpMethod.Delete, $"/v2/{repository}/manifests/{image.Digest}", tenantToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var serviceToken = await fixture.TokenAsync("orbit-service", TenantRegistryFixture.ServicePassword, $"repository:{repository}:pull,delete");
        using var deleted = await fixture.RegistryRequestAsync(HttpMethod.Delete, $"/v2/{repository}/manifests/{image.Digest}", serviceToken);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        using var gone = await fixture.RegistryRequestAsync(HttpMethod.Get, $"/v2/{repository}/manifests/latest", serviceToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_issuers_own_key_is_refused_by_the_registry()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        await PushAsync(tenant, key, seed: 5);
        var repository = fixture.RepositoryOf(tenant);
        var granted = new[] { new RegistryScope(RegistryScope.Repository, repository, ["pull"]) };

        // Five-minute tokens issued ten minutes ago: expired well beyond the registry's 60 s of clock skew.
        var expired = await IssuerAt(TimeSpan.FromMinutes(-10)).IssueAsync(tenant, granted, CancellationToken.None);
        var current = await IssuerAt(TimeSpan.Zero).IssueAsync(tenant, granted, CancellationToken.None);

        using var refused = await fixture.RegistryRequestAsync(HttpMethod.Get, $"/v2/{repository}/manifests/latest", expired.Token);
        using var accepted = await fixture.RegistryRequestAsync(HttpMethod.Get, $"/v2/{repository}/manifests/latest", current.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Tokens_carry_what_the_registry_needs_a_libtrust_kid_es256_and_a_string_audience()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        using var response = await fixture.TokenResponseAsync(tenant, key, $"repository:{fixture.RepositoryOf(tenant)}:pull");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;

        Assert.Equal(token, body.GetProperty("access_token").GetString());
        Assert.Equal(300, body.GetProperty("expires_in").GetInt32());
        Assert.InRange(body.GetProperty("issued_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var header = JwtPayload.Header(token);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Matches("^[A-Z2-7]{4}(?::[A-Z2-7]{4}){11}$", header.GetProperty("kid").GetString());
        var claims = JwtPayload.Claims(token);
        Assert.Equal(JsonValueKind.String, claims.GetProperty("aud").ValueKind);
        Assert.Equal(TenantRegistryFixture.Service, claims.GetProperty("aud").GetString());
        Assert.Equal(TenantRegistryFixture.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(tenant, claims.GetProperty("sub").GetString());
        Assert.Equal(300, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.True(claims.TryGetProperty("nbf", out _) && claims.TryGetProperty("jti", out _));
        Assert.Equal(["pull"], JwtPayload.ActionsFor(token, "repository", fixture.RepositoryOf(tenant)));
    }

    private async Task<Orbit.Testing.PushedImage> PushAsync(string tenant, string key, int seed)
    {
        var token = await fixture.TokenAsync(tenant, key, $"repository:{fixture.RepositoryOf(tenant)}:pull,push");
        using var pusher = new RegistryImagePusher(fixture.Registry.Url, _ => token);
        return await pusher.PushImageAsync(fixture.RepositoryOf(tenant), "latest", [RegistryImagePusher.Layer(seed, 1024)]);
    }

    private RegistryTokenIssuer IssuerAt(TimeSpan offset)
    {
        var options = Options.Create(new RegistryAuthOptions
        {
            Issuer = TenantRegistryFixture.Issuer,
            Service = TenantRegistryFixture.Service,
            KeyContainer = fixture.KeyContainer,
        });
        var keys = new TokenSigningKeyStore(new BlobServiceClient(fixture.Azurite.ConnectionString), options, TimeProvider.System, NullLogger<TokenSigningKeyStore>.Instance);
        return new RegistryTokenIssuer(keys, options, new ShiftedTimeProvider(offset));
    }
}
