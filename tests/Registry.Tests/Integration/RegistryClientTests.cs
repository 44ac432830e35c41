using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orbit.Registry.Client;
using Orbit.Registry.References;
using Orbit.Testing;
using Xunit.Abstractions;

namespace Orbit.Registry.Tests.Integration;

[Collection(RegistryCollection.Name)]
public sealed class RegistryClientTests(RegistryFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly ServiceProvider services = fixture.Services();

    private RegistryClient Client => services.GetRequiredService<RegistryClient>();

    public void Dispose() => services.Dispose();

    [Theory]
    [InlineData(RegistryImagePusher.OciManifest)]
    [InlineData(RegistryImagePusher.DockerManifest)]
    public async Task An_image_manifest_resolves_to_its_digest_and_the_exact_bytes_of_its_blobs(string mediaType)
    {
        using var pusher = fixture.Pusher();
        var repository = RegistryFixture.Repository("single");
        var image = await pusher.PushImageAsync(repository, "v1", [RegistryImagePusher.Layer(1, 3000), RegistryImagePusher.Layer(2, 500)], mediaType);

        var head = await Client.HeadManifestAsync(RepositoryName.Parse(repository), Tag.Parse("v1"), CancellationToken.None);
        var blobs = await Client.GetImageBlobsAsync(RepositoryName.Parse(repository), Tag.Parse("v1"), CancellationToken.None);

        Assert.Equal(image.Digest, head?.Digest.Value);
        Assert.Equal(mediaType, head?.MediaType);
        Assert.Equal(image.SizeBytes, blobs?.TotalBytes);
        Assert.Equal(3, blobs?.Count);
    }

    [Theory]
    [InlineData(RegistryImagePusher.OciIndex, RegistryImagePusher.OciManifest)]
    [InlineData(RegistryImagePusher.DockerManifestList, RegistryImagePusher.DockerManifest)]
    public async Task A_multi_platform_index_is_the_union_of_its_platforms_blobs_with_shared_layers_once(string indexType, string childType)
    {
        using var pusher = fixture.Pusher();
        var repository = RegistryFixture.Repository("multi");
        var sharedBase = SharedLayers.SharedBase;
        var amd64 = await pusher.PushImageAsync(repository, null, [sharedBase, RegistryImagePusher.Layer(11, 700)], childType, "amd64");
        var arm64 = await pusher.PushImageAsync(repository, null, [sharedBase, RegistryImagePusher.Layer(12, 900)], childType, "arm64");
        var index = await pusher.PushIndexAsync(repository, "multi", [amd64, arm64], indexType);

        var head = await Client.HeadManifestAsync(RepositoryName.Parse(repository), Tag.Parse("multi"), CancellationToken.None);
        var blobs = await Client.GetImageBlobsAsync(RepositoryName.Parse(repository), Tag.Parse("multi"), CancellationToken.None);

        Assert.Equal(index.Digest, head?.Digest.Value);
        Assert.Equal(index.SizeBytes, blobs?.TotalBytes);
        Assert.Equal(amd64.SizeBytes + arm64.SizeBytes - sharedBase.Length, blobs?.TotalBytes);
        output.WriteLine($"index {indexType}: exact {blobs?.TotalBytes} bytes; sum over platforms {amd64.SizeBytes + arm64.SizeBytes}");
    }

    [Fact]
    public async Task Deleting_a_manifest_by_digest_removes_every_tag_on_it_and_a_second_delete_is_not_an_error()
    {
        using var pusher = fixture.Pusher();
        var repository = RegistryFixture.Repository("delete");
        var name = RepositoryName.Parse(repository);
        var layers = new[] { RegistryImagePusher.Layer(21, 400) };
        var first = await pusher.PushImageAsync(repository, "1.0", layers);
        var same = await pusher.PushImageAsync(repository, "1.0", layers);
        Assert.Equal(first.Digest, same.Digest);
        await pusher.TagAsync(first, "stable");
        await pusher.PushImageAsync(repository, "other", layers);

        Assert.True(await Client.DeleteManifestAsync(name, Digest.Parse(first.Digest), CancellationToken.None));

        Assert.Null(await Client.HeadManifestAsync(name, Tag.Parse("1.0"), CancellationToken.None));
        Assert.Null(await Client.HeadManifestAsync(name, Tag.Parse("stable"), CancellationToken.None));
        Assert.NotNull(await Client.HeadManifestAsync(name, Tag.Parse("other"), CancellationToken.None));
        Assert.False(await Client.DeleteManifestAsync(name, Digest.Parse(first.Digest), CancellationToken.None));
    }

    [Fact]
    public async Task Tag_deletion_is_detected_as_unsupported_on_distribution_2_8_and_leaves_the_tag_in_place()
    {
        using var pusher = fixture.Pusher();
        var repository = RegistryFixture.Repository("untag");
        await pusher.PushImageAsync(repository, "keep", [RegistryImagePusher.Layer(31, 100)]);

        var outcome = await Client.TryDeleteTagAsync(RepositoryName.Parse(repository), Tag.Parse("keep"), CancellationToken.None);

        Assert.Equal(TagDeletion.Unsupported, outcome);
        Assert.NotNull(await Client.HeadManifestAsync(RepositoryName.Parse(repository), Tag.Parse("keep"), CancellationToken.None));
    }

    [Fact]
    public async Task Tags_and_the_catalog_are_read_across_every_page()
    {
        using var pusher = fixture.Pusher();
        var repositories = Enumerable.Range(0, 3).Select(_ => RegistryFixture.Repository("paged")).ToList();
        var tags = new[] { "a", "b", "c", "d", "e" };
        foreach (var tag in tags)
        {
            await pusher.PushImageAsync(repositories[0], tag, [RegistryImagePusher.Layer(41, 50)]);
        }

        foreach (var repository in repositories.Skip(1))
        {
            await pusher.PushImageAsync(repository, "only", [RegistryImagePusher.Layer(42, 50)]);
        }

        var listed = await Client.ListTagsAsync(RepositoryName.Parse(repositories[0]), pageSize: 2, CancellationToken.None).Select(tag => tag.Value).ToListAsync();
        var catalog = await Client.ListRepositoriesAsync(pageSize: 1, CancellationToken.None).Select(name => name.Value).ToListAsync();

        Assert.Equal(tags, listed.Order());
        Assert.Superset(repositories.ToHashSet(), catalog.ToHashSet());
    }

    [Fact]
    public async Task Missing_manifests_and_repositories_are_answers_not_errors()
    {
        var name = RepositoryName.Parse(RegistryFixture.Repository("missing"));
        var digest = Digest.Sha256Of([42]);

        Assert.Null(await Client.HeadManifestAsync(name, Tag.Parse("nope"), CancellationToken.None));
        Assert.Null(await Client.GetManifestAsync(name, digest, CancellationToken.None));
        Assert.Null(await Client.GetImageBlobsAsync(name, Tag.Parse("nope"), CancellationToken.None));
        Assert.False(await Client.DeleteManifestAsync(name, digest, CancellationToken.None));
        Assert.Empty(await Client.ListTagsAsync(name, 10, CancellationToken.None).ToListAsync());
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Transient_failures_are_retried_after_the_registrys_retry_after(HttpStatusCode status)
    {
        using var pusher = fixture.Pusher();
        var repository = RegistryFixture.Repository("flaky");
        var image = await pusher.PushImageAsync(repository, "v1", [RegistryImagePusher.Layer(51, 100)]);
        var faults = new TransientFaults(failures: 2, status, retryAfter: TimeSpan.FromSeconds(1));
        using var flaky = fixture.Services(() => faults);
        var clock = Stopwatch.StartNew();

        var head = await flaky.GetRequiredService<RegistryClient>().HeadManifestAsync(RepositoryName.Parse(repository), Tag.Parse("v1"), CancellationToken.None);

        Assert.Equal(image.Digest, head?.Digest.Value);
        Assert.Equal(3, faults.Requests);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.8), $"two Retry-After: 1 answers were waited out in {clock.Elapsed}");
    }
}
