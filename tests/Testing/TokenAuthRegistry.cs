namespace Orbit.Testing;

/// <summary>
/// A real registry (Debian's docker-registry) with Docker token authentication, trusting a <see cref="RegistryTokenServer"/>
/// that knows the given users and what each may do. Both are stopped on dispose, the certificate folder removed.
/// </summary>
public sealed class TokenAuthRegistry : IAsyncDisposable
{
    private readonly string certificates;

    private TokenAuthRegistry(string certificates, RegistryTokenServer tokens, RegistryServer registry)
    {
        this.certificates = certificates;
        Tokens = tokens;
        Registry = registry;
    }

    public RegistryTokenServer Tokens { get; }

    public RegistryServer Registry { get; }

    public static async Task<TokenAuthRegistry> StartAsync(IReadOnlyDictionary<string, (string Password, string[] Actions)> users)
    {
        var certificates = ScratchDirectory.Create("orbit-token-");
        var tokens = new RegistryTokenServer(users, certificates);
        try
        {
            return new TokenAuthRegistry(certificates, tokens, await RegistryServer.StartAsync(auth: tokens.RegistryAuthYaml));
        }
        catch
        {
            tokens.Dispose();
            ScratchDirectory.TryDelete(certificates);
            throw;
        }
    }

    /// <summary>A pusher that signs in as <paramref name="user"/> with a token for each repository it pushes to.</summary>
    public RegistryImagePusher Pusher(string user) => new(Registry.Url, repository => Tokens.Issue(user, $"repository:{repository}:pull,push"));

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        Tokens.Dispose();
        ScratchDirectory.TryDelete(certificates);
    }
}
