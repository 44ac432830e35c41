using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Orbit.Registry.Manifests;
using Orbit.Registry.References;
using Orbit.Registry.Telemetry;

namespace Orbit.Registry.Client;

/// <summary>
/// The OCI distribution API, as far as accounting and cleanup need it. Every name is validated before
/// it reaches a path; 404 is an answer (null, <c>false</c>, NotFound), anything else unexpected a
/// <see cref="RegistryException"/>. Retries, timeouts and authentication are the HttpClient's handlers.
/// </summary>
public sealed class RegistryClient(HttpClient http)
{
    private const string DigestHeader = "Docker-Content-Digest";

    public Uri? BaseAddress => http.BaseAddress;

    /// <summary>The digest a tag or digest resolves to, or null when there is no such manifest.</summary>
    public async Task<ManifestHead?> HeadManifestAsync(RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken)
    {
        using var request = ManifestRequest(HttpMethod.Head, repository, reference);
        using var response = await SendAsync(request, "HEAD manifest", repository, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"HEAD manifest {repository}:{reference}", cancellationToken);
        var digest = ReadDigestHeader(response) ?? reference.Digest
            ?? throw new RegistryException(response.StatusCode, $"The registry gave no {DigestHeader} for {repository}:{reference}.");
        return new ManifestHead(digest, response.Content.Headers.ContentType?.MediaType ?? string.Empty, response.Content.Headers.ContentLength ?? 0);
    }

    public async Task<ManifestContent?> GetManifestAsync(RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken)
    {
        using var request = ManifestRequest(HttpMethod.Get, repository, reference);
        using var response = await SendAsync(request, "GET manifest", repository, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"GET manifest {repository}:{reference}", cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var digest = Digest.Sha256Of(bytes);
        var expected = reference.Digest ?? ReadDigestHeader(response);
        if (expected is not null && expected != digest && expected.Value.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new RegistryException(response.StatusCode, $"The manifest of {repository}:{reference} hashes to {digest}, not {expected}: refusing content that does not match.");
        }

        var document = ManifestParser.Parse(bytes, response.Content.Headers.ContentType?.MediaType);
        return new ManifestContent(expected ?? digest, document.MediaType, bytes, document);
    }

    /// <summary>
    /// The distinct blobs of an image: config and layers of a manifest, or the union over an index's
    /// child manifests (fetched by digest). Null when the reference, or a child, does not exist.
    /// </summary>
    public async Task<BlobSet?> GetImageBlobsAsync(RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken) =>
        (await GetImageAsync(repository, reference, cancellationToken))?.Blobs;

    /// <summary>
    /// The manifest a reference names, as the registry has it: its digest, its media type and its distinct blobs (see
    /// <see cref="GetImageBlobsAsync"/>). Null when the reference, or a child of an index, does not exist.
    /// </summary>
    public async Task<RegistryImage?> GetImageAsync(RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken)
    {
        var manifest = await GetManifestAsync(repository, reference, cancellationToken);
        return manifest is null || await BlobsOfAsync(repository, manifest, cancellationToken) is not { } blobs
            ? null
            : new RegistryImage(manifest.Digest, manifest.MediaType, blobs);
    }

    private async Task<BlobSet?> BlobsOfAsync(RepositoryName repository, ManifestContent manifest, CancellationToken cancellationToken)
    {
        switch (manifest.Document)
        {
            case ImageManifest image:
                return BlobSet.Of(image);
            case ImageIndex index:
                var children = new List<BlobSet>();
                foreach (var child in index.Manifests)
                {
                    var blobs = await GetImageBlobsAsync(repository, child.Digest, cancellationToken);
                    if (blobs is null)
                    {
                        return null;
                    }

                    children.Add(blobs);
                }

                return BlobSet.UnionOf(children);
            default:
                throw new InvalidManifestException($"Unexpected manifest {manifest.MediaType}.");
        }
    }

    /// <summary>
    /// Puts manifest bytes under a tag, exactly as given (so the digest stays the bytes' SHA-256), with their media type as
    /// <c>Content-Type</c>. Every blob and child manifest they name must already be in the repository; the registry checks.
    /// </summary>
    public async Task<Digest> PutManifestAsync(RepositoryName repository, Tag tag, string mediaType, byte[] bytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/{repository}/manifests/{tag}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(request, "PUT manifest", repository, cancellationToken);
        await EnsureSuccessAsync(response, $"PUT manifest {repository}:{tag}", cancellationToken);
        var digest = Digest.Sha256Of(bytes);
        var stored = ReadDigestHeader(response);
        return stored is null || stored == digest
            ? digest
            : throw new RegistryException(response.StatusCode, $"The registry stored {repository}:{tag} as {stored}, not {digest}: it did not keep the manifest's bytes as sent.");
    }

    /// <summary>Whether the repository already holds a blob (HEAD), so an upload can be skipped.</summary>
    public async Task<bool> BlobExistsAsync(RepositoryName repository, Digest digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"v2/{repository}/blobs/{digest}");
        using var response = await SendAsync(request, "HEAD blob", repository, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"HEAD blob {repository}@{digest}", cancellationToken);
        return true;
    }

    /// <summary>Uploads a blob in one piece (POST to open the upload, PUT of the bytes with their digest) and returns its digest.</summary>
    public async Task<Digest> UploadBlobAsync(RepositoryName repository, byte[] content, CancellationToken cancellationToken)
    {
        var digest = Digest.Sha256Of(content);
        using var start = new HttpRequestMessage(HttpMethod.Post, $"v2/{repository}/blobs/uploads/");
        using var started = await SendAsync(start, "POST blob upload", repository, cancellationToken);
        await EnsureSuccessAsync(started, $"POST blob upload to {repository}", cancellationToken);
        var location = started.Headers.Location ?? throw new RegistryException(started.StatusCode, $"The registry opened an upload to {repository} without a Location.");
        var target = location.IsAbsoluteUri ? location.AbsoluteUri : location.OriginalString.TrimStart('/');
        var separator = target.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var put = new HttpRequestMessage(HttpMethod.Put, $"{target}{separator}digest={Uri.EscapeDataString(digest.Value)}") { Content = new ByteArrayContent(content) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var stored = await SendAsync(put, "PUT blob", repository, cancellationToken);
        await EnsureSuccessAsync(stored, $"PUT blob {repository}@{digest}", cancellationToken);
        return digest;
    }

    /// <summary>Deletes a manifest by digest, which removes every tag pointing at it. False when it was already gone.</summary>
    public async Task<bool> DeleteManifestAsync(RepositoryName repository, Digest digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"v2/{repository}/manifests/{digest}");
        using var response = await SendAsync(request, "DELETE manifest", repository, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"DELETE manifest {repository}@{digest}", cancellationToken);
        return true;
    }

    /// <summary>Removes one tag and leaves the manifest, where the registry supports it (OCI distribution 1.1); detected from the answer, not assumed.</summary>
    public async Task<TagDeletion> TryDeleteTagAsync(RepositoryName repository, Tag tag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"v2/{repository}/manifests/{tag}");
        using var response = await SendAsync(request, "DELETE tag", repository, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return TagDeletion.Deleted;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => TagDeletion.NotFound,

            // 405 UNSUPPORTED is the OCI answer; CNCF Distribution 2.8 answers 400 DIGEST_INVALID instead.
            HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed => TagDeletion.Unsupported,
            _ => throw new RegistryException(response.StatusCode, $"DELETE tag {repository}:{tag} failed with {(int)response.StatusCode} {await ReadErrorsAsync(response, cancellationToken)}"),
        };
    }

    /// <summary>Every tag of a repository, following <c>Link</c> pagination; empty when the repository does not exist.</summary>
    public IAsyncEnumerable<Tag> ListTagsAsync(RepositoryName repository, int pageSize, CancellationToken cancellationToken) =>
        ListPagedAsync($"v2/{repository}/tags/list?n={pageSize}", "GET tags", repository, "tags", text => Tag.TryParse(text, out var tag) ? tag : null, cancellationToken);

    /// <summary>Every repository in the catalog, following <c>Link</c> pagination (deleted repositories may still be listed).</summary>
    public IAsyncEnumerable<RepositoryName> ListRepositoriesAsync(int pageSize, CancellationToken cancellationToken) =>
        ListPagedAsync($"v2/_catalog?n={pageSize}", "GET catalog", null, "repositories", text => RepositoryName.TryParse(text, out var name) ? name : null, cancellationToken);

    private async IAsyncEnumerable<T> ListPagedAsync<T>(string firstPage, string operation, RepositoryName? repository, string property, Func<string?, T?> parse, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        Uri? page = new(firstPage, UriKind.Relative);
        while (page is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            using var response = await SendAsync(request, operation, repository, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                yield break;
            }

            await EnsureSuccessAsync(response, $"GET {page}", cancellationToken);
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (document.RootElement.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    // A name that fails the grammar is skipped, never turned into a request path.
                    if (parse(item.GetString()) is { } value)
                    {
                        yield return value;
                    }
                }
            }

            page = NextPageLink.From(response);
        }
    }

    /// <summary>Every request goes through here, so each is one span (<see cref="RegistryTelemetry"/>), its retries inside it.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, RepositoryName? repository, CancellationToken cancellationToken)
    {
        using var activity = RegistryTelemetry.StartRequest(operation, request.Method, repository, http.BaseAddress);
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            RegistryTelemetry.Answered(activity, response.StatusCode);
            return response;
        }
        catch (Exception exception)
        {
            RegistryTelemetry.Failed(activity, exception);
            throw;
        }
    }

    private static HttpRequestMessage ManifestRequest(HttpMethod method, RepositoryName repository, ManifestReference reference)
    {
        var request = new HttpRequestMessage(method, $"v2/{repository}/manifests/{reference}");
        foreach (var mediaType in ManifestMediaTypes.All)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        return request;
    }

    private static Digest? ReadDigestHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues(DigestHeader, out var values) && Digest.TryParse(values.FirstOrDefault(), out var digest) ? digest : null;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(response.StatusCode, $"{what} failed with {(int)response.StatusCode} {await ReadErrorsAsync(response, cancellationToken)}".TrimEnd());
        }
    }

    /// <summary>The registry's error codes and messages (<c>{"errors":[{"code","message"}]}</c>), for messages a person can act on.</summary>
    private static async Task<string> ReadErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? string.Join("; ", errors.EnumerateArray().Select(error =>
                    $"{(error.TryGetProperty("code", out var code) ? code.GetString() : "?")}: {(error.TryGetProperty("message", out var message) ? message.GetString() : string.Empty)}"))
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
