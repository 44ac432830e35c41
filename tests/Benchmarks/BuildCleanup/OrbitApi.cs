using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Benchmarks.RegistryUsage;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The function app's HTTP API as the benchmarks call it: quotas, tracking, listing and deleting images, builds and their status.</summary>
internal sealed class OrbitApi(HttpClient http, string masterKey, string functionKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the workspace or changes its quota and thresholds (master key).</summary>
    public async Task PutQuotaAsync(string workspace, long quotaBytes, int? triggerPercent, int? targetPercent, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, $"/api/internal/workspaces/{workspace}/quota", masterKey);
        request.Content = JsonContent.Create(new { quotaBytes, triggerPercent, targetPercent });
        await SendAsync(request, $"setting the quota of {workspace}", cancellationToken, HttpStatusCode.OK, HttpStatusCode.Created);
    }

    public async Task TrackAsync(string workspace, string appId, string repository, string tag, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/internal/registry-images", functionKey);
        request.Content = JsonContent.Create(new { workspaceId = workspace, appId, repository, tag });
        await SendAsync(request, $"tracking {repository}:{tag}", cancellationToken, HttpStatusCode.Created);
    }

    /// <summary>Every tracked image of the workspace, oldest push first, in pages of 1,000.</summary>
    public async Task<IReadOnlyList<TrackedImage>> ListImagesAsync(string workspace, CancellationToken cancellationToken)
    {
        var images = new List<TrackedImage>();
        string? token = null;
        do
        {
            var path = $"/api/internal/workspaces/{workspace}/registry-images?pageSize=1000" + (token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}");
            using var request = Request(HttpMethod.Get, path, functionKey);
            using var response = await SendAsync(request, $"listing the images of {workspace}", cancellationToken, HttpStatusCode.OK);
            var page = await response.Content.ReadFromJsonAsync<ImagePage>(Json, cancellationToken) ?? throw new InvalidOperationException("Empty image page.");
            images.AddRange(page.Images);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return images;
    }

    /// <summary><c>DELETE /api/internal/registry-images/{id}</c>: the image from the registry (by digest) and from the accounting.</summary>
    public async Task DeleteImageAsync(string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, $"/api/internal/registry-images/{id}", functionKey);
        using var response = await SendAsync(request, $"deleting image {id}", cancellationToken, HttpStatusCode.NoContent);
    }

    public async Task<UsageResponse> GetUsageAsync(string workspace, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"/api/internal/workspaces/{workspace}/registry-usage", functionKey);
        using var response = await SendAsync(request, $"reading the usage of {workspace}", cancellationToken, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<UsageResponse>(Json, cancellationToken) ?? throw new InvalidOperationException("Empty usage.");
    }

    /// <summary>The usage read whose latency is the floor of one request: answered 200, body received, nothing parsed.</summary>
    public async Task ReadUsageAsync(string workspace, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"/api/internal/workspaces/{workspace}/registry-usage", functionKey);
        using var response = await SendAsync(request, $"reading the usage of {workspace}", cancellationToken, HttpStatusCode.OK);
    }

    /// <summary><c>POST /api/builds</c> for the managed registry; the time of posting is taken just before the request goes out.</summary>
    public async Task<BuildStarted> StartBuildAsync(string workspace, string appId, string repository, string tag, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/builds", functionKey);
        request.Content = JsonContent.Create(new { workspaceId = workspace, appId, repository, tag, registry = "managed" });
        var postedAt = DateTimeOffset.UtcNow;
        using var response = await SendAsync(request, $"starting a build of {repository}:{tag}", cancellationToken, HttpStatusCode.Accepted);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var id = body.RootElement.GetProperty("id").GetString()!;
        // The management URLs as returned: they carry the durabletask system key as code=, and work with no other key.
        var statusUri = new Uri(body.RootElement.GetProperty("statusQueryGetUri").GetString()!);
        var terminateUri = new Uri(body.RootElement.GetProperty("terminatePostUri").GetString()!);
        return new BuildStarted(id, statusUri.PathAndQuery, terminateUri.PathAndQuery, postedAt);
    }

    /// <summary>
    /// The build's status as a build system reads it: <c>GET /api/builds/{id}</c> with the function key (what <c>orbit build</c>
    /// polls), or, with <paramref name="via"/> <see cref="StatusSource.StatusUrl"/>, the Durable status URL the start
    /// returned, which the host's Durable extension answers without the worker; that one has the phase but not the deletions.
    /// </summary>
    public async Task<BuildSnapshot> GetStatusAsync(BuildStarted build, CancellationToken cancellationToken, StatusSource via = StatusSource.BuildEndpoint)
    {
        using var request = via == StatusSource.BuildEndpoint ? Request(HttpMethod.Get, $"/api/builds/{build.Id}", functionKey) : new HttpRequestMessage(HttpMethod.Get, build.StatusPathAndQuery);
        using var response = await SendAsync(request, $"reading the status of build {build.Id}", cancellationToken, HttpStatusCode.OK, HttpStatusCode.Accepted);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return via == StatusSource.BuildEndpoint ? BuildSnapshot.FromBuildEndpoint(body.RootElement) : BuildSnapshot.FromStatusUrl(body.RootElement);
    }

    /// <summary>The plan a build would carry out now, as JSON (<c>POST .../cleanup-preview</c>, a dry run).</summary>
    public async Task<string> PreviewCleanupAsync(string workspace, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"/api/internal/workspaces/{workspace}/cleanup-preview", functionKey);
        using var response = await SendAsync(request, $"previewing the cleanup of {workspace}", cancellationToken, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Ends a build that cannot get anywhere: its instance is terminated through the URL the start returned.</summary>
    public async Task TerminateAsync(BuildStarted build, string reason, CancellationToken cancellationToken)
    {
        // The URL holds the placeholder {text} for the reason, as Durable hands it out.
        var reasonText = Uri.EscapeDataString(reason);
        var path = build.TerminatePathAndQuery.Replace("{text}", reasonText, StringComparison.Ordinal).Replace("%7Btext%7D", reasonText, StringComparison.OrdinalIgnoreCase);
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        using var response = await SendAsync(request, $"terminating build {build.Id}", cancellationToken, HttpStatusCode.Accepted, HttpStatusCode.Gone);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", key);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken, params HttpStatusCode[] expected)
    {
        var response = await http.SendAsync(request, cancellationToken);
        if (!expected.Contains(response.StatusCode))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new InvalidOperationException($"{what}: expected {string.Join(" or ", expected.Select(code => (int)code))}, got {(int)response.StatusCode} {body}");
        }

        return response;
    }
}
