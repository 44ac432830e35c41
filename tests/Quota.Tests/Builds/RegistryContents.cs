using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Orbit.Quota.Tests.Builds;

/// <summary>What the registry itself holds for a workspace, read over the distribution API: the ground truth a recount is made from.</summary>
public sealed class RegistryContents(Uri registry) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = registry };

    /// <summary>Tag -> digest for a repository (empty when it has no tags).</summary>
    public async Task<Dictionary<string, string>> TagsAsync(string repository)
    {
        var tags = new Dictionary<string, string>();
        using var list = await http.GetAsync($"v2/{repository}/tags/list");
        if (list.StatusCode == HttpStatusCode.NotFound)
        {
            return tags;
        }

        var names = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("tags");
        if (names.ValueKind != JsonValueKind.Array)
        {
            return tags;
        }

        foreach (var tag in names.EnumerateArray().Select(t => t.GetString()!))
        {
            using var head = await SendAsync(HttpMethod.Head, $"v2/{repository}/manifests/{tag}");
            if (head.IsSuccessStatusCode)
            {
                tags[tag] = head.Headers.GetValues("Docker-Content-Digest").Single();
            }
        }

        return tags;
    }

    public async Task<bool> ManifestExistsAsync(string repository, string digest)
    {
        using var head = await SendAsync(HttpMethod.Head, $"v2/{repository}/manifests/{digest}");
        return head.IsSuccessStatusCode;
    }

    /// <summary>The bytes of the distinct blobs of every tagged manifest in these repositories: exact usage, recounted from the registry.</summary>
    public async Task<long> DistinctBlobBytesAsync(IEnumerable<string> repositories)
    {
        var blobs = new Dictionary<string, long>();
        foreach (var repository in repositories)
        {
            foreach (var digest in (await TagsAsync(repository)).Values.Distinct())
            {
                using var response = await SendAsync(HttpMethod.Get, $"v2/{repository}/manifests/{digest}");
                response.EnsureSuccessStatusCode();
                var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                foreach (var descriptor in manifest.GetProperty("layers").EnumerateArray().Append(manifest.GetProperty("config")))
                {
                    blobs[descriptor.GetProperty("digest").GetString()!] = descriptor.GetProperty("size").GetInt64();
                }
            }
        }

        return blobs.Values.Sum();
    }

    public void Dispose() => http.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        return http.SendAsync(request);
    }
}
