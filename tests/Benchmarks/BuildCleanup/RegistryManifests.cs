using System.Net;
using System.Net.Http.Headers;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The registry's manifest endpoints, called directly: the raw baseline's deletes and every variant's check that a digest is gone.</summary>
internal sealed class RegistryManifests(Uri registry) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary><c>DELETE /v2/&lt;repository&gt;/manifests/&lt;digest&gt;</c>; anything but 202 Accepted fails.</summary>
    public async Task DeleteAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"v2/{repository}/manifests/{digest}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Deleting {repository}@{digest}: expected 202, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>True when <c>HEAD</c> finds the manifest, false on 404; anything else fails.</summary>
    public async Task<bool> ExistsAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"v2/{repository}/manifests/{digest}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RegistryImagePusher.OciManifest));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RegistryImagePusher.DockerManifest));
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw new InvalidOperationException($"HEAD {repository}@{digest}: unexpected {(int)response.StatusCode}."),
        };
    }

    public void Dispose() => http.Dispose();
}
