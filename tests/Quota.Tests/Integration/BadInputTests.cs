using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Orbit.Quota.Tests.Integration;

[Collection(QuotaAppCollection.Name)]
public sealed class BadInputTests(QuotaAppFixture fixture)
{
    [Fact]
    public async Task Every_bad_request_gets_a_4xx_problem_and_leaves_every_row_as_it_was()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 1_000_000);
        using var pusher = fixture.Pusher();
        var image = await pusher.PushImageAsync($"{workspace}/api", "v1", [Orbit.Testing.RegistryImagePusher.Layer(9000, 300)]);
        await fixture.TrackAsync(workspace, "api", image.Repository, "v1");
        var unknown = FunctionAppFixture.NewWorkspace();
        var before = await SnapshotAsync();

        var requests = new List<(string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Expected)>
        {
            ("usage of an invalid id", () => Get("/api/internal/workspaces/Bad_ID/registry-usage"), HttpStatusCode.BadRequest),
            ("usage of an unknown workspace", () => Get($"/api/internal/workspaces/{unknown}/registry-usage"), HttpStatusCode.NotFound),
            ("images with pageSize 0", () => Get($"/api/internal/workspaces/{workspace}/registry-images?pageSize=0"), HttpStatusCode.BadRequest),
            ("images with pageSize 5000", () => Get($"/api/internal/workspaces/{workspace}/registry-images?pageSize=5000"), HttpStatusCode.BadRequest),
            ("images with pageSize abc", () => Get($"/api/internal/workspaces/{workspace}/registry-images?pageSize=abc"), HttpStatusCode.BadRequest),
            ("images of an unknown workspace", () => Get($"/api/internal/workspaces/{unknown}/registry-images"), HttpStatusCode.NotFound),
            ("track: not JSON", () => Post("this is not json"), HttpStatusCode.BadRequest),
            ("track: JSON of the wrong shape", () => Post("""{"workspace": "x"}"""), HttpStatusCode.BadRequest),
            ("track: wrong types", () => Post($$"""{"workspaceId": 5, "appId": "api", "repository": "{{image.Repository}}", "tag": "v1"}"""), HttpStatusCode.BadRequest),
            ("track: not declared as JSON", () => fixture.App.Http.PostAsync("/api/internal/registry-images", new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType),
            ("track: oversized body", () => Post($$"""{"workspaceId": "{{workspace}}", "appId": "{{new string('a', 5000)}}", "repository": "x", "tag": "v1"}"""), HttpStatusCode.RequestEntityTooLarge),
            ("track: path trick in repository", () => Track(workspace, "api", "../../etc", "v1"), HttpStatusCode.BadRequest),
            ("track: uppercase repository", () => Track(workspace, "api", "WS/API", "v1"), HttpStatusCode.BadRequest),
            ("track: invalid tag", () => Track(workspace, "api", image.Repository, "-bad"), HttpStatusCode.BadRequest),
            ("track: invalid app id", () => Track(workspace, "api/../x", image.Repository, "v1"), HttpStatusCode.BadRequest),
            ("track: invalid digest", () => Post($$"""{"workspaceId": "{{workspace}}", "appId": "api", "repository": "{{image.Repository}}", "tag": "v1", "digest": "sha256:zz"}"""), HttpStatusCode.BadRequest),
            ("track: digest the tag does not point at", () => Post($$"""{"workspaceId": "{{workspace}}", "appId": "api", "repository": "{{image.Repository}}", "tag": "v1", "digest": "sha256:{{new string('0', 64)}}"}"""), HttpStatusCode.Conflict),
            ("track: unknown workspace", () => Track(unknown, "api", image.Repository, "v1"), HttpStatusCode.NotFound),
            ("track: image not in the registry", () => Track(workspace, "api", image.Repository, "no-such-tag"), HttpStatusCode.NotFound),
            ("delete: invalid id", () => fixture.App.Http.DeleteAsync("/api/internal/registry-images/not-an-id!"), HttpStatusCode.BadRequest),
            ("delete: unknown image", () => fixture.App.Http.DeleteAsync($"/api/internal/registry-images/{new Orbit.Quota.Images.ImageId(Id(workspace), Orbit.Registry.References.RepositoryName.Parse(image.Repository), Orbit.Registry.References.Tag.Parse("gone")).Encoded}"), HttpStatusCode.NotFound),
            ("quota: zero bytes", () => PutQuota(workspace, """{"quotaBytes": 0}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: negative bytes", () => PutQuota(workspace, """{"quotaBytes": -10}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: target above trigger", () => PutQuota(workspace, """{"quotaBytes": 100, "targetPercent": 85, "triggerPercent": 80}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: trigger above 100", () => PutQuota(workspace, """{"quotaBytes": 100, "triggerPercent": 120}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: new workspace, invalid policy", () => PutQuota(unknown, """{"quotaBytes": -1}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: not JSON", () => PutQuota(workspace, "quota please", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: a number as a string", () => PutQuota(workspace, """{"quotaBytes": "100"}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: a percent as a string", () => PutQuota(workspace, """{"quotaBytes": 100, "targetPercent": "60"}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: invalid workspace id", () => PutQuota("UPPER", """{"quotaBytes": 100}""", FunctionAppFixture.MasterKey), HttpStatusCode.BadRequest),
            ("quota: a function key is not enough", () => PutQuota(workspace, """{"quotaBytes": 100}""", FunctionAppFixture.FunctionKey), HttpStatusCode.Unauthorized),
            ("track: no key", () => Unkeyed(HttpMethod.Post, "/api/internal/registry-images"), HttpStatusCode.Unauthorized),
            ("usage: no key", () => Unkeyed(HttpMethod.Get, $"/api/internal/workspaces/{workspace}/registry-usage"), HttpStatusCode.Unauthorized),
        };

        foreach (var (what, send, expected) in requests)
        {
            using var response = await send();
            Assert.True(expected == response.StatusCode, $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    private static Orbit.Quota.Workspaces.WorkspaceId Id(string text) =>
        Orbit.Quota.Workspaces.WorkspaceId.TryParse(text, out var id) ? id : throw new ArgumentException(text);

    private Task<HttpResponseMessage> Get(string path) => fixture.App.Http.GetAsync(path);

    private Task<HttpResponseMessage> Post(string json) =>
        fixture.App.Http.PostAsync("/api/internal/registry-images", new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> Track(string workspace, string app, string repository, string tag) => fixture.TrackAsync(workspace, app, repository, tag);

    private Task<HttpResponseMessage> PutQuota(string workspace, string json, string key) =>
        fixture.SendWithKeyAsync(HttpMethod.Put, $"/api/internal/workspaces/{workspace}/quota", json, key);

    private async Task<HttpResponseMessage> Unkeyed(HttpMethod method, string path)
    {
        // The fixture's client sends the function key on every request; these requests send none.
        using var client = new HttpClient { BaseAddress = fixture.App.Http.BaseAddress };
        using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? JsonContent.Create(new { }) : null };
        return await client.SendAsync(request);
    }

    private Task<List<string>> SnapshotAsync() => fixture.SnapshotRowsAsync();
}
