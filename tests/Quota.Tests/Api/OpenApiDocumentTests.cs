using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.OpenApi;
using Orbit.Quota.Tests.Builds;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Api;

/// <summary>
/// The API described for machines: functions/openapi.json is valid OpenAPI 3.1 to a real parser, names every HTTP
/// route the app declares with the key it needs, is what the app serves, and the answers of a build conversation
/// match the schemas it gives for them.
/// </summary>
[Collection(BuildsAppCollection.Name)]
public sealed class OpenApiDocumentTests(BuildsAppFixture fixture)
{
    [Fact]
    public void The_document_is_valid_OpenAPI_3_1_to_the_Microsoft_OpenApi_parser()
    {
        var read = OpenApiDocument.Parse(File.ReadAllText(OpenApiContract.FilePath), "json");
        Assert.Empty(read.Diagnostic!.Errors.Select(error => $"{error.Pointer}: {error.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.NotNull(read.Document);
        Assert.All(read.Document!.Paths.SelectMany(path => path.Value.Operations!.Select(operation => (path.Key, operation.Value))), entry =>
            Assert.True(entry.Value.Responses!.Count > 0 && !string.IsNullOrEmpty(entry.Value.OperationId), $"{entry.Key}: every operation has an id and responses"));
    }

    [Fact]
    public void Every_declared_route_is_documented_with_the_key_it_needs_and_nothing_else_is()
    {
        var read = OpenApiDocument.Parse(File.ReadAllText(OpenApiContract.FilePath), "json").Document!;
        var documented = read.Paths.SelectMany(path => path.Value.Operations!.Select(operation => (Method: operation.Key.Method, Path: path.Key, operation.Value))).ToList();
        var declared = DeclaredRoutes.Read();
        Assert.True(declared.Count > 30, $"only {declared.Count} routes were read: the route reader is broken");

        foreach (var route in declared)
        {
            var match = documented.Where(d => d.Method == route.Method && d.Path == route.Path).Select(d => d.Value).SingleOrDefault();
            Assert.True(match is not null, $"{route.Method} {route.Path} is declared by the app but not in openapi.json");
            var schemes = match!.Security!.SelectMany(requirement => requirement.Keys).Select(scheme => scheme.Reference.Id).ToHashSet();
            switch (route.Level)
            {
                case "Function":
                    Assert.True(schemes.Contains("functionKeyHeader"), $"{route.Method} {route.Path} takes a function key; the document says {string.Join(", ", schemes)}");
                    break;
                case "Admin":
                    Assert.True(schemes.Contains("masterKeyHeader") && !schemes.Contains("functionKeyHeader"), $"{route.Method} {route.Path} needs the master key; the document says {string.Join(", ", schemes)}");
                    break;
                case DeclaredRoutes.SystemLevel:
                    Assert.True(schemes.SetEquals(["masterKeyHeader", "masterKeyQuery", "durableSystemKeyQuery"]), $"{route.Method} {route.Path} takes the master key or the durabletask system key and nothing else; the document says {string.Join(", ", schemes)}");
                    break;
                default:
                    Assert.False(schemes.Contains("functionKeyHeader") || schemes.Contains("masterKeyHeader"), $"{route.Method} {route.Path} is anonymous to the host; the document asks for a key");
                    break;
            }
        }

        var extra = documented.Where(d => !declared.Any(route => route.Method == d.Method && route.Path == d.Path)).Select(d => $"{d.Method} {d.Path}");
        Assert.Empty(extra);
    }

    [Fact]
    public async Task The_app_serves_the_document_in_the_repository_without_a_key()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.App.Http.BaseAddress };
        using var response = await anonymous.GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(OpenApiContract.FilePath), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_answers_of_a_build_conversation_and_the_quota_api_match_their_schemas()
    {
        var contract = OpenApiContract.Load();
        var http = fixture.App.Http;
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 2, tags: 5);
        var repository = SeededWorkspace.Repository(workspace.Id, 0);

        using (var usage = await http.GetAsync($"/api/internal/workspaces/{workspace.Id}/registry-usage"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Get, "/api/internal/workspaces/{id}/registry-usage", usage);
        }

        using (var images = await http.GetAsync($"/api/internal/workspaces/{workspace.Id}/registry-images?pageSize=3"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Get, "/api/internal/workspaces/{id}/registry-images", images);
        }

        using (var preview = await http.PostAsync($"/api/internal/workspaces/{workspace.Id}/cleanup-preview?estimatedBytes=1000", null))
        {
            await contract.AssertMatchesAsync(HttpMethod.Post, "/api/internal/workspaces/{id}/cleanup-preview", preview);
        }

        using var started = await http.PostAsJsonAsync("/api/builds", new { workspaceId = workspace.Id, appId = "app0", repository, tag = "3.0", registry = "managed" });
        await contract.AssertMatchesAsync(HttpMethod.Post, "/api/builds", started);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var build = new BuildInstance(http, id, new Uri(http.BaseAddress!, $"/runtime/webhooks/durabletask/instances/{id}"));
        await build.WaitForPhaseAsync("ready-to-build");
        using (var running = await http.GetAsync($"/runtime/webhooks/durabletask/instances/{id}"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Get, "/runtime/webhooks/durabletask/instances/{instanceId}", running);
        }

        using (var ready = await http.GetAsync($"/api/builds/{id}"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Get, "/api/builds/{id}", ready);
        }

        using (var malformed = await http.PostAsJsonAsync($"/api/builds/{id}/pushed", new { digest = "latest" }))
        {
            await contract.AssertMatchesAsync(HttpMethod.Post, "/api/builds/{id}/pushed", malformed);
        }

        using var pusher = fixture.Pusher();
        var pushed = await pusher.PushImageAsync(repository, "3.0", [RegistryImagePusher.Layer(Random.Shared.Next(), 2048)]);
        using (var reported = await http.PostAsJsonAsync($"/api/builds/{id}/pushed", new { digest = pushed.Digest }))
        {
            await contract.AssertMatchesAsync(HttpMethod.Post, "/api/builds/{id}/pushed", reported);
        }

        await build.WaitForEndAsync();
        using (var completed = await http.GetAsync($"/api/builds/{id}"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Get, "/api/builds/{id}", completed);
        }

        using (var late = await http.PostAsJsonAsync($"/api/builds/{id}/failed", new { reason = "too late" }))
        {
            await contract.AssertMatchesAsync(HttpMethod.Post, "/api/builds/{id}/failed", late);
        }

        using (var unknown = await http.GetAsync("/api/builds/no-such-build"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Get, "/api/builds/{id}", unknown);
        }

        using (var tracked = await fixture.TrackAsync(workspace.Id, "app1", SeededWorkspace.Repository(workspace.Id, 1), "1.1"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Post, "/api/internal/registry-images", tracked);
        }

        using var quota = new HttpRequestMessage(HttpMethod.Put, $"/api/internal/workspaces/{workspace.Id}/quota") { Content = JsonContent.Create(new { quotaBytes = workspace.QuotaBytes * 2 }) };
        quota.Headers.Add("x-functions-key", BuildsAppFixture.MasterKey);
        using (var updated = await http.SendAsync(quota))
        {
            await contract.AssertMatchesAsync(HttpMethod.Put, "/api/internal/workspaces/{id}/quota", updated);
        }

        using (var badQuota = await http.GetAsync("/api/internal/workspaces/NOT_AN_ID/registry-usage"))
        {
            await contract.AssertMatchesAsync(HttpMethod.Get, "/api/internal/workspaces/{id}/registry-usage", badQuota);
        }
    }
}
