using System.Net.Sockets;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The run's Azurite: normally <see cref="AzuriteServer"/>; in a diagnostic run one started the same way but with
/// <c>--debug</c>, so that every request it serves is written to <see cref="DebugLogPath"/> and can be counted
/// afterwards (<see cref="AzuriteRequestLog"/>). Debug logging slows Azurite down, so such a run counts, it does not time.
/// With its data in memory, also started here.
/// </summary>
internal sealed class BenchmarkStorage : IAsyncDisposable
{
    private readonly IAsyncDisposable process;
    private readonly string? dataDirectory;

    private BenchmarkStorage(IAsyncDisposable process, string connectionString, string? dataDirectory, string? debugLogPath)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        ConnectionString = connectionString;
        DebugLogPath = debugLogPath;
    }

    public string ConnectionString { get; }

    public string? DebugLogPath { get; }

    /// <param name="inMemory">Azurite keeps its data in memory (<c>--inMemoryPersistence</c>) instead of writing its databases to disk every 5 s.</param>
    public static async Task<BenchmarkStorage> StartAsync(string? debugLogPath, bool inMemory)
    {
        if (debugLogPath is null && !inMemory)
        {
            var server = await AzuriteServer.StartAsync();
            return new BenchmarkStorage(server, server.ConnectionString, null, null);
        }

        var dataDirectory = ScratchDirectory.Create("orbit-azurite-bench-");
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
        var storage = new BenchmarkStorage(process, AzuriteServer.ConnectionStringFor(blob, queue, table), dataDirectory, debugLogPath);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await Eventually.ReturnsAsync(() => ListeningAsync(process, port), listening => listening, TimeSpan.FromSeconds(30), $"Azurite to listen on {port}");
            }

            return storage;
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (dataDirectory is not null)
        {
            ScratchDirectory.TryDelete(dataDirectory);
        }
    }

    private static async Task<bool> ListeningAsync(ChildProcess process, int port)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Azurite exited with {process.ExitCode}: {process.Output}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
