using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.Quota.Tests.Integration;

[Collection(EventsAppCollection.Name)]
public sealed class RegistryEventsTests(EventsAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_push_made_directly_to_the_registry_is_tracked_through_its_notification_within_seconds()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = new RegistryImagePusher(fixture.Registry.Url);
        var clock = Stopwatch.StartNew();

        var image = await pusher.PushImageAsync($"{workspace}/direct", "1.0", [RegistryImagePusher.Layer(8000, 2_000)]);

        var usage = await Eventually.ReturnsAsync(() => fixture.UsageAsync(workspace), u => u.ImageCount == 1, TimeSpan.FromSeconds(15), "the direct push to be tracked");
        output.WriteLine($"tracked {clock.Elapsed.TotalSeconds:0.00} s after the push started");
        Assert.Equal(image.SizeBytes, usage.CurrentBytes);
    }

    /// <summary>
    /// Distribution 2.8 sends a push's event a few milliseconds before it links the tag, so a handler that looks the tag up
    /// loses pushes (94 of 250 at 6 at a time before this was fixed). Tracked from the event's own digest, none is lost.
    /// </summary>
    [Fact]
    public async Task Each_of_250_direct_pushes_8_at_a_time_is_tracked_from_its_notification_within_30_s_of_the_last_and_usage_is_exact_to_the_byte()
    {
        const int Apps = 10, TagsPerApp = 25, Parallelism = 8;
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1L << 40);
        using var pusher = fixture.Pusher();
        var seed = Random.Shared.Next(1, 1_000_000);
        var baseLayer = RegistryImagePusher.Layer(seed, 20_000);
        var appLayers = Enumerable.Range(0, Apps).Select(app => RegistryImagePusher.Layer(seed + 1 + app, 6_000)).ToList();

        // The shared layers go up once per repository first; the parallel pushes then upload only their own blobs, as Docker does.
        for (var app = 0; app < Apps; app++)
        {
            await pusher.PushBlobAsync($"{workspace}/app{app}", baseLayer);
            await pusher.PushBlobAsync($"{workspace}/app{app}", appLayers[app]);
        }

        var pushes = Enumerable.Range(0, Apps * TagsPerApp).Select(index => (Index: index, App: index % Apps, Tag: $"1.{index / Apps}")).ToList();
        var pushed = new ConcurrentBag<PushedImage>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(pushes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (push, _) =>
        {
            byte[][] layers = [baseLayer, appLayers[push.App], RegistryImagePusher.Layer(seed + 100 + push.Index, 1_000 + push.Index)];
            pushed.Add(await pusher.PushImageAsync($"{workspace}/app{push.App}", push.Tag, layers, skipExistingBlobs: true));
        });
        var lastPush = clock.Elapsed;

        var usage = await Eventually.ReturnsAsync(() => fixture.UsageAsync(workspace), u => u.ImageCount == pushes.Count, TimeSpan.FromSeconds(60), $"all {pushes.Count} pushes to be tracked");
        var lag = clock.Elapsed - lastPush;
        var distinct = pushed.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        output.WriteLine($"{pushes.Count} pushes, {Parallelism} at a time, in {lastPush.TotalSeconds:0.0} s; all tracked {lag.TotalSeconds:0.00} s after the last; usage {usage.CurrentBytes} bytes, distinct blob bytes {distinct}");
        // The reconcile never runs in this app (yearly), so every image was tracked from a notification; the bound catches
        // notifications answered "retry later" and left to the registry's back-off, not load: 15.5 s was seen on a
        // 2-core machine busy with other test runs.
        Assert.True(lag <= TimeSpan.FromSeconds(30), $"the last images were tracked {lag.TotalSeconds:0.0} s after the last push");
        Assert.Equal(distinct, usage.CurrentBytes);
        Assert.Equal((distinct, pushes.Count), await fixture.RecountAsync(workspace));
    }

    [Fact]
    public async Task Six_tags_pushed_in_order_then_the_two_oldest_tracked_again_leave_the_preview_planning_the_oldest_pushes_never_the_three_newest()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1L << 40);
        using var pusher = fixture.Pusher();
        var tags = Enumerable.Range(1, 6).Select(number => $"1.{number}").ToList();
        foreach (var tag in tags)
        {
            await pusher.PushImageAsync($"{workspace}/app", tag, [RegistryImagePusher.Layer(Random.Shared.Next(), 10_000)]);
        }

        await Eventually.ReturnsAsync(() => fixture.UsageAsync(workspace), u => u.ImageCount == tags.Count, TimeSpan.FromSeconds(15), "the six pushes to be tracked");
        foreach (var tag in tags.Take(2))
        {
            using var again = await fixture.TrackAsync(workspace, "app", $"{workspace}/app", tag);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var listed = (await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/internal/workspaces/{workspace}/registry-images")).GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(tags, listed.Select(image => image.GetProperty("tag").GetString()));
        var used = (await fixture.UsageAsync(workspace)).CurrentBytes;
        await fixture.CreateWorkspaceAsync(workspace, (long)Math.Ceiling(used / 0.85));
        using var response = await fixture.App.Http.PostAsync($"/api/internal/workspaces/{workspace}/cleanup-preview", null);
        response.EnsureSuccessStatusCode();
        var planned = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deletions").EnumerateArray()
            .SelectMany(deletion => deletion.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()!)).ToList();

        output.WriteLine($"listed oldest first: {string.Join(", ", listed.Select(image => $"{image.GetProperty("tag").GetString()} {image.GetProperty("pushedAt").GetDateTimeOffset():HH:mm:ss.fff}"))}; planned: {string.Join(", ", planned)}");
        Assert.NotEmpty(planned);
        Assert.Equal(tags.Take(planned.Count), planned);
        Assert.DoesNotContain(planned, tags.TakeLast(3).Contains);
    }

    [Fact]
    public async Task Event_grid_validation_and_acr_events_are_understood_and_repeating_an_event_changes_nothing()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, 1_000_000);
        using var pusher = new RegistryImagePusher(fixture.Registry.Url);
        var image = await pusher.PushImageAsync($"{workspace}/grid", "2.0", [RegistryImagePusher.Layer(8200, 1_500)]);
        await Eventually.ReturnsAsync(() => fixture.UsageAsync(workspace), u => u.ImageCount == 1, TimeSpan.FromSeconds(15), "the push to be tracked");

        var handshake = await PostAsync("""[{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"code-123"}}]""");
        Assert.Equal("code-123", handshake.GetProperty("validationResponse").GetString());

        var pushed = $$$"""[{"id":"p","eventType":"Microsoft.ContainerRegistry.ImagePushed","data":{"action":"push","target":{"mediaType":"{{{image.MediaType}}}","digest":"{{{image.Digest}}}","repository":"{{{image.Repository}}}","tag":"2.0"} } }]""";
        Assert.Equal(0, (await PostAsync(pushed)).GetProperty("tracked").GetInt32());

        // The image is still in the registry: its delete event is refused.
        var deleted = $$$"""[{"id":"d","eventType":"Microsoft.ContainerRegistry.ImageDeleted","data":{"action":"delete","target":{"mediaType":"{{{image.MediaType}}}","digest":"{{{image.Digest}}}","repository":"{{{image.Repository}}}"} } }]""";
        var refused = await PostAsync(deleted);
        Assert.Equal((0, 1), (refused.GetProperty("untracked").GetInt32(), refused.GetProperty("refused").GetInt32()));
        Assert.Equal(image.SizeBytes, (await fixture.UsageAsync(workspace)).CurrentBytes);

        // Deleted for real, the registry's own event untracks it; the same event from Event Grid then changes nothing.
        using var registry = new HttpClient { BaseAddress = fixture.Registry.Url };
        Assert.Equal(HttpStatusCode.Accepted, (await registry.DeleteAsync($"v2/{image.Repository}/manifests/{image.Digest}")).StatusCode);
        await Eventually.ReturnsAsync(() => fixture.UsageAsync(workspace), u => u.ImageCount == 0 && u.CurrentBytes == 0, TimeSpan.FromSeconds(15), "the registry's delete event to untrack the image");
        var again = await PostAsync(deleted);
        Assert.Equal((0, 0), (again.GetProperty("untracked").GetInt32(), again.GetProperty("refused").GetInt32()));
    }

    private async Task<JsonElement> PostAsync(string json)
    {
        using var response = await fixture.App.Http.PostAsync("/api/registry/events", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
