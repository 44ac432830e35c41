using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;
using static Orbit.Tenants.Tests.Integration.ProblemAssertions;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>Deploy validation and pinning, resolved through the registry as the service identity (its own tokens from the app).</summary>
[Collection(TenantRegistryCollection.Name)]
public sealed class DeployTests(TenantRegistryFixture fixture)
{
    [Fact]
    public async Task Deploying_the_tenants_image_pins_the_digest_its_tag_points_at()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        var image = await PushAsync(tenant, key, seed: 10);

        using var response = await fixture.DeployAsync(tenant, key, new { image = fixture.ImageOf(tenant) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(fixture.ImageOf(tenant), body.GetProperty("image").GetString());
        Assert.Equal(image.Digest, body.GetProperty("digest").GetString());
        Assert.Equal($"{fixture.RegistryHost}/{fixture.RepositoryOf(tenant)}@{image.Digest}", body.GetProperty("pinned").GetString());
    }

    [Fact]
    public async Task Deploying_by_digest_checks_the_digest_exists_in_the_tenants_repository()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        var image = await PushAsync(tenant, key, seed: 11);
        var missing = "sha256:" + new string('0', 64);

        using var found = await fixture.DeployAsync(tenant, key, new { image = $"{fixture.RegistryHost}/{fixture.RepositoryOf(tenant)}@{image.Digest}" });
        using var notFound = await fixture.DeployAsync(tenant, key, new { image = $"{fixture.RegistryHost}/{fixture.RepositoryOf(tenant)}@{missing}" });
        using var wrongClaim = await fixture.DeployAsync(tenant, key, new { image = $"{fixture.ImageOf(tenant)}@{missing}" });

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(image.Digest, (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString());
        await AssertProblemAsync(notFound, HttpStatusCode.NotFound);
        await AssertProblemAsync(wrongClaim, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_image_never_pushed_is_not_found()
    {
        var (tenant, key) = await fixture.NewTenantAsync();

        var problem = await AssertProblemAsync(await fixture.DeployAsync(tenant, key, new { image = fixture.ImageOf(tenant) }), HttpStatusCode.NotFound);

        Assert.Contains("push it first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_image_is_refused_with_the_expected_image_even_when_it_exists()
    {
        var (tenantA, keyA) = await fixture.NewTenantAsync();
        var (tenantB, keyB) = await fixture.NewTenantAsync();
        await PushAsync(tenantB, keyB, seed: 12);

        var problem = await AssertProblemAsync(await fixture.DeployAsync(tenantA, keyA, new { image = fixture.ImageOf(tenantB) }), HttpStatusCode.BadRequest);

        Assert.Equal(fixture.ImageOf(tenantA), problem.GetProperty("expectedImage").GetString());
        Assert.Contains(fixture.ImageOf(tenantA), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tag_of_the_tenants_own_repository_is_refused_naming_the_one_deployable_reference()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        var own = $"{fixture.RegistryHost}/{fixture.RepositoryOf(tenant)}";

        var problem = await AssertProblemAsync(await fixture.DeployAsync(tenant, key, new { image = $"{own}:v2" }), HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("not this tenant's image", detail, StringComparison.Ordinal);
        Assert.Contains($"{own}:v2 is not deployable", detail, StringComparison.Ordinal);
        Assert.Contains($"only the tag latest: deploy {fixture.ImageOf(tenant)} or {own}@<digest>", detail, StringComparison.Ordinal);
        Assert.Equal(fixture.ImageOf(tenant), problem.GetProperty("expectedImage").GetString());
    }

    [Theory]
    [InlineData("not an image")]
    [InlineData("tenants/tenant-{0}:latest")]
    [InlineData("{1}/tenants/tenant-{0}")]
    [InlineData("{1}/tenants/tenant-{0}:other-tag")]
    [InlineData("registry.example.com/tenants/tenant-{0}:latest")]
    [InlineData("{1}/tenants/tenant-{0}/../tenant-x:latest")]
    [InlineData("{1}/tenants/tenant-{0}@sha256:abc")]
    [InlineData("")]
    public async Task Malformed_or_foreign_references_are_refused_with_the_expected_image(string template)
    {
        var (tenant, key) = await fixture.NewTenantAsync();

        var problem = await AssertProblemAsync(
            await fixture.DeployAsync(tenant, key, new { image = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, tenant, fixture.RegistryHost) }),
            HttpStatusCode.BadRequest);

        Assert.Equal(fixture.ImageOf(tenant), problem.GetProperty("expectedImage").GetString());
    }

    [Fact]
    public async Task A_deploy_without_an_image_or_without_json_is_refused()
    {
        var (tenant, key) = await fixture.NewTenantAsync();

        await AssertProblemAsync(await fixture.DeployAsync(tenant, key, new { }), HttpStatusCode.BadRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant}/deploy") { Content = new StringContent("image=x") };
        request.Headers.Add("X-Tenant-Key", key);
        await AssertProblemAsync(await fixture.App.Http.SendAsync(request), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_deploy_with_a_missing_or_wrong_key_is_unauthorized_before_the_image_is_looked_at()
    {
        var (tenant, key) = await fixture.NewTenantAsync();

        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.DeployAsync(tenant, null, new { image = fixture.ImageOf(tenant) }));
        await AssertUnauthorizedWithBasicChallengeAsync(await fixture.DeployAsync(tenant, key + "x", new { image = "not an image" }));
    }

    private async Task<PushedImage> PushAsync(string tenant, string key, int seed)
    {
        var token = await fixture.TokenAsync(tenant, key, $"repository:{fixture.RepositoryOf(tenant)}:pull,push");
        using var pusher = new RegistryImagePusher(fixture.Registry.Url, _ => token);
        return await pusher.PushImageAsync(fixture.RepositoryOf(tenant), "latest", [RegistryImagePusher.Layer(seed, 1024)]);
    }
}
