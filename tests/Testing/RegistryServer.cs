namespace Orbit.Testing;

/// <summary>
/// A real CNCF Distribution registry (Debian's docker-registry) on a free loopback port, deletes enabled,
/// its storage in a temporary folder.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private readonly ChildProcess process;
    private readonly string directory;

    private RegistryServer(ChildProcess process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public string StorageDirectory => Path.Combine(directory, "data");

    public string ConfigPath => Path.Combine(directory, "config.yml");

    /// <param name="notifications">Where the registry posts its push and delete events, if anywhere.</param>
    /// <param name="auth">An <c>auth:</c> block (e.g. <see cref="RegistryTokenServer.RegistryAuthYaml"/>), if the registry should demand it.</param>
    /// <param name="port">A port chosen beforehand, when something started earlier must already know the registry's URL; else a free one.</param>
    public static async Task<RegistryServer> StartAsync(RegistryNotifications? notifications = null, string? auth = null, int? port = null)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing; run scripts/test (it installs Debian's docker-registry).");
        }

        var directory = ScratchDirectory.Create("orbit-registry-");
        port ??= FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(directory, "config.yml"), $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            {notifications?.ToYaml() ?? string.Empty}
            {auth ?? string.Empty}
            """);
        var process = ChildProcess.Start("registry", Binary, ["serve", Path.Combine(directory, "config.yml")]);
        var server = new RegistryServer(process, directory, port.Value);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.ReturnsAsync(
                async () =>
                {
                    try
                    {
                        // 401 is ready too: a registry with token authentication challenges an anonymous GET /v2/.
                        var response = await http.GetAsync(new Uri(server.Url, "/v2/"));
                        return response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
                    }
                    catch (HttpRequestException) when (!process.HasExited)
                    {
                        return false;
                    }
                },
                ready => ready,
                TimeSpan.FromSeconds(20),
                "the registry to answer GET /v2/");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        ScratchDirectory.TryDelete(directory);
    }
}
