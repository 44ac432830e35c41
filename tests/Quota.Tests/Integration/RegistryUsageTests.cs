using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.Quota.Tests.Integration;

[Collection(QuotaAppCollection.Name)]
public sealed class RegistryUsageTests(QuotaAppFixture fixture, ITestOutputHelper output)
{
    private static readonly byte[] DebianBase = RegistryImagePusher.Layer(seed: 100, size: 40_000);
    private static readonly byte[] RuntimeBase = RegistryImagePusher.Layer(seed: 101, size: 25_000);

    [Fact]
    public async Task Usage_of_20_images_sharing_base_layers_with_a_multi_platform_index_is_the_distinct_blob_bytes_to_the_byte()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 10_000_000);
        using var pusher = fixture.Pusher();
        var images = new List<PushedImage>();
        string[] apps = ["api", "web", "worker"];
        for (var i = 0; i < 19; i++)
        {
            var app = apps[i % 3];
            byte[][] layers = [DebianBase, RuntimeBase, RegistryImagePusher.Layer(1000 + i, 2_000 + (i * 100))];
            var image = await pusher.PushImageAsync($"{workspace}/{app}", $"1.{i}", layers, i % 2 == 0 ? RegistryImagePusher.OciManifest : RegistryImagePusher.DockerManifest);
            images.Add(image);
            Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(workspace, app, image.Repository, image.Tag!)).StatusCode);
        }

        var amd64 = await pusher.PushImageAsync($"{workspace}/api", null, [DebianBase, RegistryImagePusher.Layer(2000, 3_000)], architecture: "amd64");
        var arm64 = await pusher.PushImageAsync($"{workspace}/api", null, [RegistryImagePusher.Layer(2001, 41_000), RegistryImagePusher.Layer(2002, 3_100)], architecture: "arm64");
        var index = await pusher.PushIndexAsync($"{workspace}/api", "multi", [amd64, arm64]);
        images.Add(index);
        Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(workspace, "api", index.Repository, "multi")).StatusCode);

        var usage = await fixture.UsageAsync(workspace);

        var distinct = images.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        var seedFigure = images.Where(image => image.MediaType != RegistryImagePusher.OciIndex).Sum(image => image.Blobs.Values.Sum() - ConfigSize(image));
        output.WriteLine($"20 images in 3 repositories: tracked {usage.CurrentBytes} bytes; distinct blob bytes {distinct}; " +
            $"the seed's sum of each manifest's layers {seedFigure} (counts shared layers per tag, 0 for the index)");
        Assert.Equal(distinct, usage.CurrentBytes);
        Assert.Equal(20, usage.ImageCount);
        Assert.Equal((distinct, 20), await fixture.RecountAsync(workspace));
    }

    [Fact]
    public async Task Fifty_concurrent_tracks_of_images_sharing_layers_leave_the_aggregate_equal_to_a_recount()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 50_000_000);
        using var pusher = fixture.Pusher();
        var images = new List<PushedImage>();
        for (var i = 0; i < 50; i++)
        {
            images.Add(await pusher.PushImageAsync($"{workspace}/app{i % 5}", $"v{i}", [DebianBase, RuntimeBase, RegistryImagePusher.Layer(3000 + (i % 10), 1_000)]));
        }

        var statuses = await Task.WhenAll(images.Select(async image => (await fixture.TrackAsync(workspace, image.Repository.Split('/')[^1], image.Repository, image.Tag!)).StatusCode));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        var usage = await fixture.UsageAsync(workspace);
        var distinct = images.SelectMany(image => image.Blobs).DistinctBy(blob => blob.Key).Sum(blob => blob.Value);
        Assert.Equal(distinct, usage.CurrentBytes);
        Assert.Equal(50, usage.ImageCount);
        Assert.Equal((usage.CurrentBytes, usage.ImageCount), await fixture.RecountAsync(workspace));
    }

    [Fact]
    public async Task Tracking_the_same_tag_again_is_idempotent_and_a_moved_tag_replaces_its_blobs()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 1_000_000);
        using var pusher = fixture.Pusher();
        var first = await pusher.PushImageAsync($"{workspace}/api", "latest", [DebianBase, RegistryImagePusher.Layer(4000, 5_000)]);
        Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(workspace, "api", first.Repository, "latest")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.TrackAsync(workspace, "api", first.Repository, "latest")).StatusCode);
        Assert.Equal(first.SizeBytes, (await fixture.UsageAsync(workspace)).CurrentBytes);

        var moved = await pusher.PushImageAsync($"{workspace}/api", "latest", [DebianBase, RegistryImagePusher.Layer(4001, 7_000)]);
        Assert.Equal(HttpStatusCode.OK, (await fixture.TrackAsync(workspace, "api", moved.Repository, "latest")).StatusCode);

        var usage = await fixture.UsageAsync(workspace);
        Assert.Equal(moved.SizeBytes, usage.CurrentBytes);
        Assert.Equal(1, usage.ImageCount);
        Assert.Equal((usage.CurrentBytes, 1), await fixture.RecountAsync(workspace));
    }

    [Fact]
    public async Task An_image_with_more_blobs_than_one_transaction_holds_is_tracked_and_deleted_through_the_journal()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 10_000_000);
        using var pusher = fixture.Pusher();
        var layers = Enumerable.Range(0, 120).Select(i => RegistryImagePusher.Layer(5000 + i, 64 + i)).ToList();
        var image = await pusher.PushImageAsync($"{workspace}/big", "v1", layers);

        Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(workspace, "big", image.Repository, "v1")).StatusCode);

        var usage = await fixture.UsageAsync(workspace);
        Assert.Equal(image.SizeBytes, usage.CurrentBytes);
        Assert.Equal((usage.CurrentBytes, 1), await fixture.RecountAsync(workspace));
        Assert.False((await fixture.UsageTable.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(workspace, "journal")).HasValue);

        var id = await fixture.ImageIdOfAsync(workspace, "v1");
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.Http.DeleteAsync($"/api/internal/registry-images/{id}")).StatusCode);
        Assert.Equal((0L, 0), await fixture.RecountAsync(workspace));
        Assert.Equal(0, (await fixture.UsageAsync(workspace)).CurrentBytes);
    }

    [Fact]
    public async Task Images_are_listed_oldest_push_first_across_pages()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 10_000_000);
        using var pusher = fixture.Pusher();
        var tags = Enumerable.Range(0, 12).Select(i => $"t{i:D2}").ToList();
        foreach (var tag in tags)
        {
            var image = await pusher.PushImageAsync($"{workspace}/api", tag, [RegistryImagePusher.Layer(6000, 100)]);
            await fixture.TrackAsync(workspace, "api", image.Repository, tag);
        }

        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await fixture.App.Http.GetFromJsonAsync<JsonElement>(
                $"/api/internal/workspaces/{workspace}/registry-images?pageSize=5{(token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}")}");
            listed.AddRange(page.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("tag").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null);

        Assert.Equal(tags, listed);
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task An_images_size_counts_all_its_blobs_and_its_unique_bytes_only_those_no_other_tracked_image_references()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 10_000_000);
        using var pusher = fixture.Pusher();
        var first = await pusher.PushImageAsync($"{workspace}/api", "1.0", [DebianBase, RegistryImagePusher.Layer(6100, 3_000)]);
        var second = await pusher.PushImageAsync($"{workspace}/api", "2.0", [DebianBase, RegistryImagePusher.Layer(6101, 4_000)]);
        await pusher.TagAsync(second, "stable");
        foreach (var tag in new[] { "1.0", "2.0", "stable" })
        {
            Assert.True((await fixture.TrackAsync(workspace, "api", first.Repository, tag)).IsSuccessStatusCode);
        }

        var images = (await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/internal/workspaces/{workspace}/registry-images")).GetProperty("images").EnumerateArray()
            .ToDictionary(image => image.GetProperty("tag").GetString()!, image => (Size: image.GetProperty("sizeBytes").GetInt64(), Unique: image.GetProperty("uniqueBytes").GetInt64()));
        var usage = await fixture.UsageAsync(workspace);

        // 1.0's own layer and config are its alone; the base is shared, and 2.0 and stable share every blob, so deleting either frees nothing.
        Assert.Equal((first.SizeBytes, first.SizeBytes - DebianBase.Length), images["1.0"]);
        Assert.Equal((second.SizeBytes, 0L), images["2.0"]);
        Assert.Equal((second.SizeBytes, 0L), images["stable"]);
        Assert.Equal(first.SizeBytes + second.SizeBytes - DebianBase.Length, usage.CurrentBytes);
        using var retrack = await fixture.TrackAsync(workspace, "api", first.Repository, "1.0");
        var tracked = await retrack.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((first.SizeBytes, first.SizeBytes - DebianBase.Length), (tracked.GetProperty("sizeBytes").GetInt64(), tracked.GetProperty("uniqueBytes").GetInt64()));
    }

    [Fact]
    public async Task Deleting_a_tag_that_shares_its_digest_answers_409_naming_the_other_tags_and_deletes_nothing()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 1_000_000);
        using var pusher = fixture.Pusher();
        var image = await pusher.PushImageAsync($"{workspace}/api", "1.0", [RegistryImagePusher.Layer(7000, 500)]);
        await pusher.TagAsync(image, "stable");
        await fixture.TrackAsync(workspace, "api", image.Repository, "1.0");
        var before = await fixture.UsageAsync(workspace);

        var response = await fixture.App.Http.DeleteAsync($"/api/internal/registry-images/{await fixture.ImageIdOfAsync(workspace, "1.0")}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("stable", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.UsageAsync(workspace));
        Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(workspace, "api", image.Repository, "stable")).StatusCode);
    }

    private static long ConfigSize(PushedImage image) => image.Blobs.Values.Min();
}
