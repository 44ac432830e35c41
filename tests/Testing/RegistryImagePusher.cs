using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orbit.Testing;

/// <summary>
/// Pushes images to a real registry over the distribution API, no Docker needed: blobs (POST then PUT:
/// the single-request upload stores nothing on CNCF Distribution 2.8), then a manifest or an index.
/// </summary>
/// <param name="bearerTokenFor">For a registry with token authentication: a token for pushing to the given repository.</param>
public sealed class RegistryImagePusher(Uri registry, Func<string, string>? bearerTokenFor = null) : IDisposable
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    private readonly HttpClient http = new() { BaseAddress = registry };

    /// <summary>Deterministic pseudo-random bytes: the same seed gives the same layer, so tests can share layers on purpose.</summary>
    public static byte[] Layer(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string DigestOf(byte[] content) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";

    /// <param name="skipExisting">HEAD the blob first and upload it only when the repository lacks it, as Docker clients do: a layer
    /// pushed once before, then shared by images pushed in parallel, is never uploaded twice at once (two concurrent uploads of
    /// one blob can leave it briefly unreadable on Distribution 2.8, failing the manifest put with DIGEST_INVALID).</param>
    public async Task<string> PushBlobAsync(string repository, byte[] content, bool skipExisting = false)
    {
        var digest = DigestOf(content);
        if (skipExisting)
        {
            using var head = await SendAsync(HttpMethod.Head, new Uri($"v2/{repository}/blobs/{digest}", UriKind.Relative), repository, null);
            if (head.IsSuccessStatusCode)
            {
                return digest;
            }
        }

        using var start = await SendAsync(HttpMethod.Post, new Uri($"v2/{repository}/blobs/uploads/", UriKind.Relative), repository, null);
        EnsureStatus(start, 202, $"starting an upload to {repository}");
        var location = start.Headers.Location ?? throw new InvalidOperationException("The registry gave no upload location.");
        var target = location.IsAbsoluteUri ? location : new Uri(registry, location);
        var separator = target.Query.Length > 0 ? "&" : "?";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var finish = await SendAsync(HttpMethod.Put, new Uri($"{target}{separator}digest={Uri.EscapeDataString(digest)}"), repository, body);
        EnsureStatus(finish, 201, $"uploading {digest} to {repository}");
        return digest;
    }

    /// <summary>An image manifest over a config and the given layers; <paramref name="reference"/> is a tag, or null to push by digest only.</summary>
    /// <param name="label">The config's label; by default it names the repository and tag, so every push differs. Give the same
    /// label and layers to push byte-identical manifests (one digest) to several repositories.</param>
    /// <param name="skipExistingBlobs">Upload only the blobs the repository lacks (see <see cref="PushBlobAsync"/>).</param>
    public async Task<PushedImage> PushImageAsync(
        string repository, string? reference, IReadOnlyList<byte[]> layers, string mediaType = OciManifest, string architecture = "amd64", string? label = null, bool skipExistingBlobs = false)
    {
        var oci = mediaType == OciManifest;
        var config = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            architecture,
            os = "linux",
            rootfs = new { type = "layers", diff_ids = layers.Select(DigestOf).ToArray() },
            config = new { Labels = new Dictionary<string, string> { ["org.orbit.test"] = label ?? $"{repository}:{reference}:{architecture}" } },
        }));
        var blobs = new Dictionary<string, long> { [await PushBlobAsync(repository, config, skipExistingBlobs)] = config.Length };
        var layerDescriptors = new List<object>();
        foreach (var layer in layers)
        {
            var digest = await PushBlobAsync(repository, layer, skipExistingBlobs);
            blobs[digest] = layer.Length;
            layerDescriptors.Add(new { mediaType = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip", digest, size = layer.Length });
        }

        var manifest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            schemaVersion = 2,
            mediaType,
            config = new { mediaType = oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json", digest = DigestOf(config), size = config.Length },
            layers = layerDescriptors,
        }));
        var manifestDigest = await PushManifestAsync(repository, reference, mediaType, manifest);
        return new PushedImage(repository, reference, manifestDigest, mediaType, manifest.Length, architecture, blobs);
    }

    /// <summary>An index (OCI) or manifest list (Docker) over images already pushed to the same repository.</summary>
    public async Task<PushedImage> PushIndexAsync(string repository, string? reference, IReadOnlyList<PushedImage> children, string mediaType = OciIndex)
    {
        var index = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            schemaVersion = 2,
            mediaType,
            manifests = children.Select(child => new
            {
                mediaType = child.MediaType,
                digest = child.Digest,
                size = child.ManifestSize,
                platform = new { architecture = child.Architecture, os = "linux" },
            }),
        }));
        var digest = await PushManifestAsync(repository, reference, mediaType, index);
        var blobs = children.SelectMany(child => child.Blobs).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.First().Value);
        return new PushedImage(repository, reference, digest, mediaType, index.Length, "multi", blobs);
    }

    /// <summary>Puts an existing manifest, byte for byte, under one more tag: both tags then share one digest.</summary>
    public async Task TagAsync(PushedImage image, string tag)
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri($"v2/{image.Repository}/manifests/{image.Digest}", UriKind.Relative), image.Repository, null, image.MediaType);
        EnsureStatus(response, 200, $"reading {image.Repository}@{image.Digest}");
        var digest = await PushManifestAsync(image.Repository, tag, image.MediaType, await response.Content.ReadAsByteArrayAsync());
        if (digest != image.Digest)
        {
            throw new InvalidOperationException($"Tagging changed the digest from {image.Digest} to {digest}.");
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<string> PushManifestAsync(string repository, string? reference, string mediaType, byte[] manifest)
    {
        var digest = DigestOf(manifest);
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(HttpMethod.Put, new Uri($"v2/{repository}/manifests/{reference ?? digest}", UriKind.Relative), repository, body);
        EnsureStatus(response, 201, $"putting manifest {repository}:{reference ?? digest}");
        return digest;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string repository, HttpContent? content, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        if (bearerTokenFor is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerTokenFor(repository));
        }

        return await http.SendAsync(request);
    }

    private static void EnsureStatus(HttpResponseMessage response, int expected, string what)
    {
        if ((int)response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: expected {expected}, got {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }
}
