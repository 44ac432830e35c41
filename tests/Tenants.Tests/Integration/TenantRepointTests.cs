using System.Net;
using Orbit.Testing;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>
/// <c>orbit ci repoint</c> signed in as a tenant, through the service's own token issuer: a tenant re-points its own tag,
/// and the registry refuses it another tenant's, whatever the tool asks for.
/// </summary>
[Collection(TenantRegistryCollection.Name)]
public sealed class TenantRepointTests(TenantRegistryFixture fixture)
{
    private const int NotAuthorized = 4;

    /// <summary>The service identity's default user name (RegistryAuth:ServiceUsername).</summary>
    private const string ServiceUsername = "orbit-service";

    [Fact]
    public async Task A_tenant_repoints_its_own_tag_and_the_registry_refuses_it_another_tenants()
    {
        var (tenantA, keyA) = await fixture.NewTenantAsync();
        var (tenantB, keyB) = await fixture.NewTenantAsync();
        var goodA = await PushAsync(tenantA, keyA, "stable", seed: 71);
        await PushAsync(tenantA, keyA, "latest", seed: 72);
        var goodB = await PushAsync(tenantB, keyB, "stable", seed: 73);
        var currentB = await PushAsync(tenantB, keyB, "latest", seed: 74);
        var asTenantA = new Dictionary<string, string?>
        {
            ["ORBIT_REGISTRY_URL"] = fixture.Registry.Url.ToString(),
            ["ORBIT_REGISTRY_USERNAME"] = tenantA,
            ["ORBIT_REGISTRY_PASSWORD"] = keyA,
        };

        var own = await OrbitCli.RunAsync(["ci", "repoint", "--repository", fixture.RepositoryOf(tenantA), "--tag", "latest", "--from-tag", "stable"], asTenantA);
        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Equal(goodA.Digest, await DigestAsync(tenantA, "latest"));

        var other = await OrbitCli.RunAsync(["ci", "repoint", "--repository", fixture.RepositoryOf(tenantB), "--tag", "latest", "--to-digest", goodB.Digest], asTenantA);
        Assert.True(other.ExitCode == NotAuthorized, other.ToString());
        Assert.Contains($"the registry at {fixture.Registry.Url} refused it as {tenantA}", other.Error);
        Assert.DoesNotContain(keyA, other.Output + other.Error);
        Assert.Equal(currentB.Digest, await DigestAsync(tenantB, "latest"));
    }

    private async Task<PushedImage> PushAsync(string tenant, string key, string tag, int seed)
    {
        var token = await fixture.TokenAsync(tenant, key, $"repository:{fixture.RepositoryOf(tenant)}:pull,push");
        using var pusher = new RegistryImagePusher(fixture.Registry.Url, _ => token);
        return await pusher.PushImageAsync(fixture.RepositoryOf(tenant), tag, [RegistryImagePusher.Layer(seed, 1024)]);
    }

    /// <summary>The digest of a tenant's tag, read through the service identity (which may pull every tenant repository).</summary>
    private async Task<string?> DigestAsync(string tenant, string tag)
    {
        var token = await fixture.TokenAsync(ServiceUsername, TenantRegistryFixture.ServicePassword, $"repository:{fixture.RepositoryOf(tenant)}:pull");
        using var response = await fixture.RegistryRequestAsync(HttpMethod.Head, $"/v2/{fixture.RepositoryOf(tenant)}/manifests/{tag}", token);
        return response.StatusCode == HttpStatusCode.OK ? response.Headers.GetValues("Docker-Content-Digest").Single() : null;
    }
}
