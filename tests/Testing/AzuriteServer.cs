using System.Net.Sockets;

namespace Orbit.Testing;

/// <summary>A real Azurite (blobs, queues, tables) on three free loopback ports, its data in a temporary folder.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account key (public; it only works against Azurite).
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess process;
    private readonly string dataDirectory;

    private AzuriteServer(ChildProcess process, string dataDirectory, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>The connection string of an Azurite on these loopback ports (whether or not one listens there).</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <param name="debugLogPath">
    /// Where Azurite writes every request it serves (<c>--debug</c>), for a diagnostic benchmark run that counts requests;
    /// debug logging slows Azurite down, so such a run does not time.
    /// </param>
    /// <param name="inMemory">Azurite keeps its data in memory (<c>--inMemoryPersistence</c>) instead of writing its databases to disk every 5 s.</param>
    public static Task<AzuriteServer> StartAsync(string? debugLogPath = null, bool inMemory = false) =>
        PortClash.RetryAsync(() => StartOnFreePortsAsync(debugLogPath, inMemory));

    private static async Task<AzuriteServer> StartOnFreePortsAsync(string? debugLogPath, bool inMemory)
    {
        if (!File.Exists(RepositoryPaths.Azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {RepositoryPaths.Azurite}; run scripts/test (it runs npm ci).");
        }

        var dataDirectory = ScratchDirectory.Create("orbit-azurite-");
        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        List<string> arguments =
        [
            "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString(),
        ];
        if (debugLogPath is not null)
        {
            arguments.AddRange(["--debug", debugLogPath]);
        }

        // Azurite refuses a data folder with its data in memory; it still runs in the scratch folder, which goes with it.
        arguments.AddRange(inMemory ? ["--inMemoryPersistence"] : ["--location", dataDirectory]);
        var process = ChildProcess.Start("azurite", RepositoryPaths.Azurite, arguments, workingDirectory: dataDirectory);
        var server = new AzuriteServer(process, dataDirectory, blob, queue, table);
        try
        {
            await server.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
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
        ScratchDirectory.TryDelete(dataDirectory);
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with {process.ExitCode}: {process.Output}");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }
}
