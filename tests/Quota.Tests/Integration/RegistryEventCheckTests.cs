using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Integration;

/// <summary>
/// Registry events delivered by the test at the moment that matters, to an app whose registry sends none of its own:
/// a push event that arrives before the registry has linked its tag, a delete event for a manifest that still exists,
/// an event the service cannot handle now.
/// </summary>
[Collection(QuotaAppCollection.Name)]
public sealed class RegistryEventCheckTests(QuotaAppFixture fixture)
{
    [Fact]
    public async Task A_push_event_that_arrives_before_the_registry_links_its_tag_is_tracked_from_its_digest()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = fixture.Pusher();
        // The manifest is stored but no tag points at it yet: the registry's state when its push event goes out.
        var image = await pusher.PushImageAsync($"{workspace}/early", null, [RegistryImagePusher.Layer(8300, 2_500)]);
        var pushedAt = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await PostAsync(RegistryEventJson.Push(image, "1.0", pushedAt));
        await pusher.TagAsync(image, "1.0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await fixture.UsageAsync(workspace);
        Assert.Equal((1, image.SizeBytes), (usage.ImageCount, usage.CurrentBytes));
        var record = await SingleImageAsync(workspace);
        Assert.Equal(image.Digest, record.GetProperty("digest").GetString());
        Assert.Equal(pushedAt.ToUnixTimeMilliseconds(), record.GetProperty("pushedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_forged_delete_event_for_a_manifest_the_registry_still_has_changes_nothing_and_is_logged()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = fixture.Pusher();
        var image = await pusher.PushImageAsync($"{workspace}/live", "1.0", [RegistryImagePusher.Layer(8310, 600_000)]);
        Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(workspace, "live", image.Repository, "1.0")).StatusCode);
        var rowsBefore = await fixture.SnapshotRowsAsync(workspace);
        var usageBefore = await fixture.UsageAsync(workspace);

        using var response = await PostAsync(RegistryEventJson.Delete(image.Repository, image.Digest, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(usageBefore, await fixture.UsageAsync(workspace));
        Assert.Equal(rowsBefore, await fixture.SnapshotRowsAsync(workspace));
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.App.Output), log => log.Contains($"Refused the delete event for {image.Repository}@{image.Digest}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the refused event in the app's log");
    }

    [Fact]
    public async Task A_delete_event_untracks_once_the_registry_confirms_the_manifest_is_gone_and_again_changes_nothing()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = fixture.Pusher();
        var kept = await pusher.PushImageAsync($"{workspace}/gone", "1.0", [RegistryImagePusher.Layer(8320, 3_000)]);
        var deleted = await pusher.PushImageAsync($"{workspace}/gone", "2.0", [RegistryImagePusher.Layer(8321, 4_000)]);
        await fixture.TrackAsync(workspace, "gone", kept.Repository, "1.0");
        await fixture.TrackAsync(workspace, "gone", deleted.Repository, "2.0");
        using var registry = new HttpClient { BaseAddress = fixture.Registry.Url };
        Assert.Equal(HttpStatusCode.Accepted, (await registry.DeleteAsync($"v2/{deleted.Repository}/manifests/{deleted.Digest}")).StatusCode);

        var first = await (await PostAsync(RegistryEventJson.Delete(deleted.Repository, deleted.Digest, DateTimeOffset.UtcNow))).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await PostAsync(RegistryEventJson.Delete(deleted.Repository, deleted.Digest, DateTimeOffset.UtcNow))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((1, 0), (first.GetProperty("untracked").GetInt32(), again.GetProperty("untracked").GetInt32()));
        var usage = await fixture.UsageAsync(workspace);
        Assert.Equal((1, kept.SizeBytes), (usage.ImageCount, usage.CurrentBytes));
    }

    [Fact]
    public async Task A_push_event_the_service_cannot_handle_while_the_registry_is_down_is_answered_503_so_the_registry_sends_it_again()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = fixture.Pusher();
        var image = await pusher.PushImageAsync($"{workspace}/outage", "1.0", [RegistryImagePusher.Layer(8330, 2_000)]);
        var impatient = new Dictionary<string, string?> { ["Registry__MaxRetryAttempts"] = "1", ["Registry__RetryDelay"] = "00:00:00.100" };
        await using var app = await fixture.StartAppAsync("impatient-events", overrides: impatient);
        var envelope = RegistryEventJson.Push(image, "1.0", DateTimeOffset.UtcNow);

        await fixture.Registry.StopAsync();
        HttpStatusCode during;
        try
        {
            using var response = await app.Http.PostAsync("/api/registry/events", new StringContent(envelope, Encoding.UTF8, "application/json"));
            during = response.StatusCode;
        }
        finally
        {
            await fixture.Registry.RestartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal(0, (await fixture.UsageAsync(workspace)).ImageCount);
        using var redelivered = await app.Http.PostAsync("/api/registry/events", new StringContent(envelope, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var usage = await fixture.UsageAsync(workspace);
        Assert.Equal((1, image.SizeBytes), (usage.ImageCount, usage.CurrentBytes));
    }

    private Task<HttpResponseMessage> PostAsync(string envelope) =>
        fixture.App.Http.PostAsync("/api/registry/events", new StringContent(envelope, Encoding.UTF8, "application/json"));

    private async Task<JsonElement> SingleImageAsync(string workspace)
    {
        var page = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/internal/workspaces/{workspace}/registry-images");
        return Assert.Single(page.GetProperty("images").EnumerateArray().ToList());
    }
}
