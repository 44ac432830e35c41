using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Quota.Images;
using Orbit.Quota.Tests.Builds;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Integration;

/// <summary>
/// One owner per repository: a workspace tracks, builds on and deletes only its own repositories (under
/// <c>&lt;workspace&gt;/</c>, or mapped to it by an admin), never a tenant's, and no refusal changes anything.
/// </summary>
[Collection(QuotaAppCollection.Name)]
public sealed class OwnershipTests(QuotaAppFixture fixture)
{
    [Fact]
    public async Task A_workspace_can_neither_track_nor_delete_a_tenants_deployable_image()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = fixture.Pusher();
        var tenantImage = await pusher.PushImageAsync($"tenants/tenant-{Guid.NewGuid():N}"[..27], "latest", [RegistryImagePusher.Layer(8400, 2_000)]);
        var rowsBefore = await RowsAsync();

        using var track = await fixture.TrackAsync(workspace, "api", tenantImage.Repository, "latest");
        var id = new ImageId(Workspace(workspace), RepositoryName.Parse(tenantImage.Repository), Tag.Parse("latest")).Encoded;
        using var delete = await fixture.App.Http.DeleteAsync($"/api/internal/registry-images/{id}");

        await AssertRefusedAsync(track, HttpStatusCode.Forbidden, "tenant-repository");
        await AssertRefusedAsync(delete, HttpStatusCode.Forbidden, "tenant-repository");
        Assert.Equal(rowsBefore, await RowsAsync());
        using var registry = new RegistryContents(fixture.Registry.Url);
        Assert.True(await registry.ManifestExistsAsync(tenantImage.Repository, tenantImage.Digest));
    }

    [Fact]
    public async Task A_workspace_can_neither_track_nor_build_on_another_workspaces_repository_which_stays_its_owners()
    {
        var (teamA, teamB) = (FunctionAppFixture.NewWorkspace(), FunctionAppFixture.NewWorkspace());
        await fixture.CreateWorkspaceAsync(teamA, 1_000_000);
        await fixture.CreateWorkspaceAsync(teamB, 1_000_000);
        using var pusher = fixture.Pusher();
        var image = await pusher.PushImageAsync($"{teamB}/api", "v5", [RegistryImagePusher.Layer(8410, 3_000)]);
        var rowsBefore = await RowsAsync();

        using var track = await fixture.TrackAsync(teamA, "api", image.Repository, "v5");
        using var build = await fixture.App.Http.PostAsJsonAsync("/api/builds", new { workspaceId = teamA, appId = "api", repository = image.Repository, tag = "v6", registry = "managed" });

        var problem = await AssertRefusedAsync(track, HttpStatusCode.Forbidden, "repository-outside-workspace");
        Assert.Contains($"workspace {teamB}'s", problem.GetProperty("detail").GetString());
        await AssertRefusedAsync(build, HttpStatusCode.Forbidden, "repository-outside-workspace");
        Assert.Equal(rowsBefore, await RowsAsync());

        // The owner tracks it as ever, and it counts in its workspace alone.
        Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(teamB, "api", image.Repository, "v5")).StatusCode);
        Assert.Equal((0, 0L), await CountAsync(teamA));
        Assert.Equal((1, image.SizeBytes), await CountAsync(teamB));
    }

    [Fact]
    public async Task Tracking_under_an_app_other_than_the_repositorys_is_refused_naming_the_app()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = fixture.Pusher();
        var image = await pusher.PushImageAsync($"{workspace}/svc/api-server", "1.0", [RegistryImagePusher.Layer(8420, 1_000)]);

        using var track = await fixture.TrackAsync(workspace, "api", image.Repository, "1.0");

        var problem = await AssertRefusedAsync(track, HttpStatusCode.Conflict, "app-of-repository");
        Assert.Contains("appId api-server", problem.GetProperty("detail").GetString());
        Assert.Equal((0, 0L), await CountAsync(workspace));
    }

    [Fact]
    public async Task A_workspace_id_that_would_own_the_tenant_repositories_by_convention_is_refused()
    {
        var rowsBefore = await RowsAsync();

        using var response = await PutQuotaAsync("tenants", """{"quotaBytes": 1000000}""");

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "reserved-workspace-id");
        Assert.Equal(rowsBefore, await RowsAsync());
    }

    [Fact]
    public async Task An_admin_maps_an_unowned_repository_to_a_workspace_but_never_moves_one_another_workspace_owns()
    {
        var (teamA, teamB) = (FunctionAppFixture.NewWorkspace(), FunctionAppFixture.NewWorkspace());
        await fixture.CreateWorkspaceAsync(teamA, 1_000_000);
        await fixture.CreateWorkspaceAsync(teamB, 1_000_000);
        var legacy = $"legacy-{Guid.NewGuid():N}"[..20] + "/storefront";
        using var pusher = fixture.Pusher();
        var image = await pusher.PushImageAsync(legacy, "3.1", [RegistryImagePusher.Layer(8430, 2_000)]);

        // Unowned until mapped: nobody may track it.
        await AssertRefusedAsync(await fixture.TrackAsync(teamA, "shop", legacy, "3.1"), HttpStatusCode.Forbidden, "repository-outside-workspace");
        using (var mapped = await MapAsync(legacy, teamA, "shop", FunctionAppFixture.MasterKey))
        {
            Assert.Equal(HttpStatusCode.Created, mapped.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await MapAsync(legacy, teamA, "shop", FunctionAppFixture.MasterKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(teamA, "shop", legacy, "3.1")).StatusCode);
        var owner = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/internal/repository-owners/{legacy}");
        Assert.Equal((teamA, "shop", "mapping"), (owner.GetProperty("workspaceId").GetString(), owner.GetProperty("appId").GetString(), owner.GetProperty("source").GetString()));
        var rowsBefore = await RowsAsync();

        // Each refusal names its rule, and a conflict with another workspace names that workspace.
        var refusals = new (string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string Rule, string? Names)[]
        {
            ("map a mapped repository to another workspace", () => MapAsync(legacy, teamB, "shop", FunctionAppFixture.MasterKey), HttpStatusCode.Conflict, "repository-of-another-workspace", teamA),
            ("map another workspace's repository", () => MapAsync($"{teamB}/api", teamA, "api", FunctionAppFixture.MasterKey), HttpStatusCode.Conflict, "repository-of-another-workspace", teamB),
            ("map a tenant repository", () => MapAsync("tenants/tenant-acme", teamA, "api", FunctionAppFixture.MasterKey), HttpStatusCode.Forbidden, "tenant-repository", null),
            ("change the app of a repository with tracked images", () => MapAsync(legacy, teamA, "store", FunctionAppFixture.MasterKey), HttpStatusCode.Conflict, "repository-has-tracked-images", null),
            ("unmap a repository with tracked images", () => UnmapAsync(legacy, FunctionAppFixture.MasterKey), HttpStatusCode.Conflict, "repository-has-tracked-images", null),
        };
        foreach (var (what, send, status, rule, names) in refusals)
        {
            using var response = await send();
            var detail = (await AssertRefusedAsync(response, status, rule)).GetProperty("detail").GetString()!;
            Assert.True(names is null || detail.Contains(names, StringComparison.Ordinal), $"{what}: the problem must name workspace {names}: {detail}");
        }

        using (var notAdmin = await MapAsync($"{teamA}/other", teamA, "other", FunctionAppFixture.FunctionKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, notAdmin.StatusCode);
        }

        Assert.Equal(rowsBefore, await RowsAsync());
    }

    private static WorkspaceId Workspace(string text) => WorkspaceId.TryParse(text, out var id) ? id : throw new ArgumentException(text);

    private async Task<(int Images, long Bytes)> CountAsync(string workspace)
    {
        var usage = await fixture.UsageAsync(workspace);
        return (usage.ImageCount, usage.CurrentBytes);
    }

    private static async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(problem.TryGetProperty("rule", out var named) && named.GetString() == rule, $"expected the rule {rule} to be named: {body}");
        return problem;
    }

    private Task<HttpResponseMessage> PutQuotaAsync(string workspace, string json) =>
        fixture.SendWithKeyAsync(HttpMethod.Put, $"/api/internal/workspaces/{workspace}/quota", json, FunctionAppFixture.MasterKey);

    private Task<HttpResponseMessage> MapAsync(string repository, string workspace, string app, string key) =>
        fixture.SendWithKeyAsync(HttpMethod.Put, $"/api/internal/repository-owners/{repository}", JsonSerializer.Serialize(new { workspaceId = workspace, appId = app }), key);

    private Task<HttpResponseMessage> UnmapAsync(string repository, string key) =>
        fixture.SendWithKeyAsync(HttpMethod.Delete, $"/api/internal/repository-owners/{repository}", null, key);

    private Task<List<string>> RowsAsync() => fixture.SnapshotRowsAsync();
}
