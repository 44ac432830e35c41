using Orbit.Testing;

namespace Orbit.Cli.Tests.Images;

/// <summary>A real registry (Debian's docker-registry) with Docker token authentication: <c>ci</c> may pull and push, <c>reader</c> only pull.</summary>
public sealed class CliRegistryFixture : IAsyncLifetime
{
    public const string CiUser = "ci";
    public const string CiPassword = "ci-password-for-cli-tests";
    public const string Reader = "reader";
    public const string ReaderPassword = "reader-password-for-cli-tests";

    private TokenAuthRegistry? started;

    public RegistryServer Registry => Started.Registry;

    public RegistryTokenServer Tokens => Started.Tokens;

    private TokenAuthRegistry Started => started ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        started = await TokenAuthRegistry.StartAsync(new Dictionary<string, (string, string[])>
        {
            [CiUser] = (CiPassword, ["pull", "push"]),
            [Reader] = (ReaderPassword, ["pull"]),
        });

    public async Task DisposeAsync()
    {
        if (started is not null)
        {
            await started.DisposeAsync();
        }
    }

    public RegistryImagePusher Pusher() => Started.Pusher(CiUser);

    /// <summary>Every blob file the registry holds on disk (digest directories under blobs/), to show what an operation uploaded.</summary>
    public IReadOnlySet<string> BlobsOnDisk()
    {
        var blobs = Path.Combine(Registry.StorageDirectory, "docker", "registry", "v2", "blobs");
        return Directory.Exists(blobs)
            ? Directory.EnumerateFiles(blobs, "data", SearchOption.AllDirectories).Select(file => Path.GetFileName(Path.GetDirectoryName(file)!)).ToHashSet()
            : new HashSet<string>();
    }

    /// <summary>The digest a tag resolves to now, read with the CI user's token; null when the tag does not exist.</summary>
    public async Task<string?> DigestOfAsync(string repository, string tag)
    {
        using var http = new HttpClient { BaseAddress = Registry.Url };
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Authorization = new("Bearer", Tokens.Issue(CiUser, $"repository:{repository}:pull"));
        foreach (var type in new[] { RegistryImagePusher.OciManifest, RegistryImagePusher.OciIndex, RegistryImagePusher.DockerManifest, RegistryImagePusher.DockerManifestList })
        {
            request.Headers.Accept.Add(new(type));
        }

        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? response.Headers.GetValues("Docker-Content-Digest").Single() : null;
    }

    public Dictionary<string, string?> Environment(string user, string password) => new()
    {
        ["ORBIT_REGISTRY_URL"] = Registry.Url.ToString(),
        ["ORBIT_REGISTRY_USERNAME"] = user,
        ["ORBIT_REGISTRY_PASSWORD"] = password,
    };
}

[CollectionDefinition(Name)]
public sealed class CliRegistryCollection : ICollectionFixture<CliRegistryFixture>
{
    public const string Name = "CliRegistry";
}
