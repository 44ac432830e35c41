using System.Text.Json;
using Orbit.Testing;

namespace Orbit.Cli.Tests.Images;

/// <summary>
/// <c>orbit ci repoint</c> against the real registry with token authentication: a skipped service's tag is pointed at
/// its last good digest with the manifest's own bytes, no blob goes up, and without a good digest nothing changes.
/// </summary>
[Collection(CliRegistryCollection.Name)]
public sealed class RepointTests(CliRegistryFixture fixture)
{
    [Fact]
    public async Task The_tag_then_resolves_to_the_last_good_digest_and_the_registry_received_no_blob()
    {
        var repository = NewRepository();
        using var pusher = fixture.Pusher();
        var good = await pusher.PushImageAsync(repository, "stable", [RegistryImagePusher.Layer(11, 300 * 1024)]);
        await pusher.PushImageAsync(repository, "1.0", [RegistryImagePusher.Layer(12, 200 * 1024)]);
        var blobsBefore = fixture.BlobsOnDisk();

        var run = await OrbitCli.RunAsync(["ci", "repoint", "--repository", repository, "--tag", "1.0", "--from-tag", "stable", "--json"], fixture.Environment(CliRegistryFixture.CiUser, CliRegistryFixture.CiPassword));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(good.Digest, await fixture.DigestOfAsync(repository, "1.0"));
        Assert.Equal(good.Digest, await fixture.DigestOfAsync(repository, "stable"));
        Assert.Equal(blobsBefore, fixture.BlobsOnDisk());
        var outcome = JsonDocument.Parse(run.Output).RootElement;
        Assert.True(outcome.GetProperty("changed").GetBoolean());
        Assert.Equal(good.Digest, outcome.GetProperty("digest").GetString());
        Assert.Equal(good.ManifestSize, outcome.GetProperty("manifestBytes").GetInt32());
        Assert.Contains("no blob uploaded", run.Error);
    }

    [Fact]
    public async Task A_digest_works_too_also_for_a_multi_platform_index_and_a_second_run_changes_nothing()
    {
        var repository = NewRepository();
        using var pusher = fixture.Pusher();
        var amd = await pusher.PushImageAsync(repository, null, [RegistryImagePusher.Layer(21, 64 * 1024)]);
        var arm = await pusher.PushImageAsync(repository, null, [RegistryImagePusher.Layer(22, 64 * 1024)], architecture: "arm64");
        var index = await pusher.PushIndexAsync(repository, "good", [amd, arm]);
        var blobsBefore = fixture.BlobsOnDisk();
        var environment = fixture.Environment(CliRegistryFixture.CiUser, CliRegistryFixture.CiPassword);

        var first = await OrbitCli.RunAsync(["ci", "repoint", "--repository", repository, "--tag", "abc123", "--to-digest", index.Digest], environment);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"Re-pointed {repository}:abc123 at {index.Digest}", first.Output);
        Assert.Contains("was absent", first.Output);
        Assert.Equal(index.Digest, await fixture.DigestOfAsync(repository, "abc123"));

        var again = await OrbitCli.RunAsync(["ci", "repoint", "--repository", repository, "--tag", "abc123", "--to-digest", index.Digest], environment);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already points at", again.Output);
        Assert.Equal(blobsBefore, fixture.BlobsOnDisk());
    }

    [Fact]
    public async Task Without_a_good_digest_the_repoint_is_refused_with_exit_6_and_the_tag_is_left_alone()
    {
        var repository = NewRepository();
        using var pusher = fixture.Pusher();
        var current = await pusher.PushImageAsync(repository, "1.0", [RegistryImagePusher.Layer(31, 1024)]);
        var environment = fixture.Environment(CliRegistryFixture.CiUser, CliRegistryFixture.CiPassword);

        var noTag = await OrbitCli.RunAsync(["ci", "repoint", "--repository", repository, "--tag", "1.0", "--from-tag", "never-pushed"], environment);
        Assert.True(noTag.ExitCode == Cli.ExitCodes.Refused, noTag.ToString());
        Assert.Contains($"There is no good image to re-point {repository}:1.0 at: {repository} has no tag never-pushed", noTag.Error);

        var noDigest = await OrbitCli.RunAsync(["ci", "repoint", "--repository", repository, "--tag", "2.0", "--to-digest", "sha256:" + new string('0', 64)], environment);
        Assert.Equal(Cli.ExitCodes.Refused, noDigest.ExitCode);
        Assert.Equal(current.Digest, await fixture.DigestOfAsync(repository, "1.0"));
        Assert.Null(await fixture.DigestOfAsync(repository, "2.0"));
    }

    [Fact]
    public async Task A_wrong_password_or_a_pull_only_user_is_not_authorized_exit_4_and_the_tag_stays()
    {
        var repository = NewRepository();
        using var pusher = fixture.Pusher();
        var good = await pusher.PushImageAsync(repository, "stable", [RegistryImagePusher.Layer(41, 1024)]);
        var current = await pusher.PushImageAsync(repository, "1.0", [RegistryImagePusher.Layer(42, 1024)]);
        string[] arguments = ["ci", "repoint", "--repository", repository, "--tag", "1.0", "--to-digest", good.Digest];

        var reader = await OrbitCli.RunAsync(arguments, fixture.Environment(CliRegistryFixture.Reader, CliRegistryFixture.ReaderPassword));
        Assert.True(reader.ExitCode == Cli.ExitCodes.NotAuthorized, reader.ToString());
        Assert.Contains("refused it as reader", reader.Error);
        Assert.Equal(current.Digest, await fixture.DigestOfAsync(repository, "1.0"));

        var stdin = await OrbitCli.RunAsync([.. arguments, "--registry", fixture.Registry.Url.ToString(), "--username", CliRegistryFixture.CiUser, "--password-stdin"], standardInput: CliRegistryFixture.CiPassword + "\n");
        Assert.True(stdin.ExitCode == 0, stdin.ToString());
        Assert.Equal(good.Digest, await fixture.DigestOfAsync(repository, "1.0"));
        Assert.DoesNotContain(CliRegistryFixture.CiPassword, stdin.Output + stdin.Error);
    }

    [Fact]
    public async Task A_throttled_put_is_retried_after_the_registrys_Retry_After_and_then_lands()
    {
        var repository = NewRepository();
        using var pusher = fixture.Pusher();
        var good = await pusher.PushImageAsync(repository, "stable", [RegistryImagePusher.Layer(51, 1024)]);
        using var proxy = new ThrottlingProxy(fixture.Registry.Url, HttpMethod.Put, throttled: 1, retryAfterSeconds: 2);
        var environment = fixture.Environment(CliRegistryFixture.CiUser, CliRegistryFixture.CiPassword);
        environment["ORBIT_REGISTRY_URL"] = proxy.Url.ToString();

        var run = await OrbitCli.RunAsync(["ci", "repoint", "--repository", repository, "--tag", "1.0", "--from-tag", "stable"], environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(good.Digest, await fixture.DigestOfAsync(repository, "1.0"));
        var puts = proxy.Requests.ToList();
        Assert.Equal(429, puts[0].Status);
        var landed = puts.First(put => put.Status == 201);
        Assert.True(landed.At - puts[0].At >= TimeSpan.FromSeconds(1.9), $"the retry came {(landed.At - puts[0].At).TotalSeconds:0.00} s after the 429, before its Retry-After of 2 s");
    }

    [Fact]
    public async Task An_unreachable_registry_exits_69_and_names_it()
    {
        var port = FreePort.Next();
        var run = await OrbitCli.RunAsync(["ci", "repoint", "--registry", $"http://127.0.0.1:{port}", "--repository", "a/b", "--tag", "x", "--from-tag", "y"]);
        Assert.True(run.ExitCode == Cli.ExitCodes.Unreachable, run.ToString());
        Assert.Contains($"cannot reach the registry at http://127.0.0.1:{port}/", run.Error);
    }

    [Fact]
    public async Task Push_sends_a_small_valid_image_whose_tag_resolves_to_the_printed_digest()
    {
        var repository = NewRepository();
        var run = await OrbitCli.RunAsync(["push", "--repository", repository, "--tag", "1.0", "--size", "100KiB", "--json"], fixture.Environment(CliRegistryFixture.CiUser, CliRegistryFixture.CiPassword));
        Assert.True(run.ExitCode == 0, run.ToString());
        var pushed = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(pushed.GetProperty("digest").GetString(), await fixture.DigestOfAsync(repository, "1.0"));
        Assert.InRange(pushed.GetProperty("bytes").GetInt64(), 100 * 1024, 110 * 1024);
    }

    private static string NewRepository() => $"svc-{Guid.NewGuid():N}"[..16] + "/api";
}
