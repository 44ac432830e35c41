using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>The signing key is one for every instance and survives restarts: the registry loaded its certificate once.</summary>
[Collection(TenantRegistryCollection.Name)]
public sealed class SigningKeyTests(TenantRegistryFixture fixture)
{
    [Fact]
    public async Task Another_instance_signs_with_the_same_stored_key_and_the_registry_accepts_its_tokens()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        var certificate = await fixture.App.Http.GetStringAsync("/api/registry/certificate");
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificate, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", certificate, StringComparison.Ordinal);

        await using var second = await fixture.StartAppAsync("tenants-app-2");
        Assert.Equal(certificate, await second.Http.GetStringAsync("/api/registry/certificate"));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/registry/token?service={TenantRegistryFixture.Service}&scope=repository:{fixture.RepositoryOf(tenant)}:pull,push");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tenant}:{key}")));
        using var response = await second.Http.SendAsync(request);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var upload = await fixture.RegistryRequestAsync(HttpMethod.Post, $"/v2/{fixture.RepositoryOf(tenant)}/blobs/uploads/", token);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
    }
}
