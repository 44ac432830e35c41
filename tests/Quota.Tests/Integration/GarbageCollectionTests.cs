using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.Quota.Tests.Integration;

[Collection(QuotaAppCollection.Name)]
public sealed class GarbageCollectionTests(QuotaAppFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Comparison method: the blob files under the registry's storage (digest and size on disk) are listed
    /// before and after the registry's own garbage-collect. Of the digests this test's images use, the set
    /// GC removed must be exactly the set of blobs the accounting released, and its bytes the usage drop.
    /// </summary>
    [Fact]
    public async Task The_bytes_the_accounting_frees_are_the_blob_bytes_garbage_collection_removes()
    {
        var workspace = FunctionAppFixture.NewWorkspace();
        await fixture.CreateWorkspaceAsync(workspace, quotaBytes: 10_000_000);
        using var pusher = fixture.Pusher();
        var sharedBase = RegistryImagePusher.Layer(9100, 30_000);
        var images = new List<PushedImage>();
        for (var i = 0; i < 6; i++)
        {
            var image = await pusher.PushImageAsync($"{workspace}/gc", $"v{i}", [sharedBase, RegistryImagePusher.Layer(9110 + i, 4_000 + (i * 500))]);
            images.Add(image);
            Assert.Equal(HttpStatusCode.Created, (await fixture.TrackAsync(workspace, "gc", image.Repository, image.Tag!)).StatusCode);
        }

        var ours = images.SelectMany(image => image.Blobs.Keys).ToHashSet();
        var usageBefore = (await fixture.UsageAsync(workspace)).CurrentBytes;
        var filesBefore = BlobFiles();
        var deleted = images.Take(3).ToList();
        foreach (var image in deleted)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.Http.DeleteAsync($"/api/internal/registry-images/{await fixture.ImageIdOfAsync(workspace, image.Tag!)}")).StatusCode);
        }

        var freedByAccounting = usageBefore - (await fixture.UsageAsync(workspace)).CurrentBytes;
        await using (var gc = ChildProcess.Start("garbage-collect", RegistryServer.Binary, ["garbage-collect", fixture.Registry.ConfigPath]))
        {
            await gc.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(gc.ExitCode == 0, gc.Output);
        }

        var filesAfter = BlobFiles();
        var removedOfOurs = filesBefore.Keys.Where(ours.Contains).Where(digest => !filesAfter.ContainsKey(digest)).ToHashSet();
        var releasedByAccounting = deleted.SelectMany(image => image.Blobs.Keys).Where(digest => digest != RegistryImagePusher.DigestOf(sharedBase)).ToHashSet();
        var removedBytes = removedOfOurs.Sum(digest => filesBefore[digest]);
        output.WriteLine($"accounting freed {freedByAccounting} bytes; garbage-collect removed {removedBytes} bytes of this workspace's blobs ({removedOfOurs.Count} blobs)");

        Assert.Equal(releasedByAccounting.Order(), removedOfOurs.Order());
        Assert.Equal(freedByAccounting, removedBytes);
        Assert.All(images.Skip(3).SelectMany(image => image.Blobs.Keys), digest => Assert.True(filesAfter.ContainsKey(digest), $"{digest} of a kept image was removed"));
    }

    /// <summary>Every blob in the registry's filesystem storage: digest → bytes on disk.</summary>
    private Dictionary<string, long> BlobFiles()
    {
        var root = Path.Combine(fixture.Registry.StorageDirectory, "docker", "registry", "v2", "blobs", "sha256");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "data", SearchOption.AllDirectories)
                .ToDictionary(path => $"sha256:{Path.GetFileName(Path.GetDirectoryName(path))}", path => new FileInfo(path).Length)
            : [];
    }
}
