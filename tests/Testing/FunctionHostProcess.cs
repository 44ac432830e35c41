using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Orbit.Testing;

/// <summary>
/// A function app run by the local host (<c>Orbit.LocalHost start --script-root DIR --port N</c>, the stand-in for
/// <c>func start</c>) on a free loopback port, configured through environment variables exactly as an operator would,
/// so it can be killed like a real instance: killing it kills the host and its worker process together.
/// </summary>
public sealed class FunctionHostProcess : IAsyncDisposable
{
    private readonly ChildProcess process;

    private FunctionHostProcess(ChildProcess process, int port)
    {
        this.process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    /// <summary>The local host's process id (its worker is a child of it).</summary>
    public int ProcessId => process.Id;

    public HttpClient Http { get; }

    public string Output => process.Output;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts the app in <paramref name="scriptRoot"/> and waits until <c>/api/health</c> answers 200 (or, with
    /// <paramref name="requireHealthy"/> false, answers at all).</summary>
    public static Task<FunctionHostProcess> StartAsync(
        string name,
        string scriptRoot,
        IReadOnlyDictionary<string, string?> settings,
        bool requireHealthy = true,
        string? workingDirectory = null,
        int? port = null) =>
        port is { } chosen
            ? StartOnAsync(name, scriptRoot, settings, requireHealthy, workingDirectory, chosen)
            : PortClash.RetryAsync(() => StartOnAsync(name, scriptRoot, settings, requireHealthy, workingDirectory, FreePort.Next()));

    private static async Task<FunctionHostProcess> StartOnAsync(
        string name, string scriptRoot, IReadOnlyDictionary<string, string?> settings, bool requireHealthy, string? workingDirectory, int port)
    {
        var process = ChildProcess.Start(
            name, "dotnet", [AppPaths.LocalHost, "start", "--script-root", scriptRoot, "--port", port.ToString(CultureInfo.InvariantCulture)],
            settings, workingDirectory ?? Path.GetTempPath());
        var host = new FunctionHostProcess(process, port);
        try
        {
            await Eventually.ReturnsAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        // An exited process may still have output on its way through the pipe; waiting for the exit waits for that too.
                        await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
                        throw new InvalidOperationException($"{name} exited with {process.ExitCode} before it was ready:\n{process.Output}");
                    }

                    try
                    {
                        var response = await host.Http.GetAsync("/api/health");
                        return !requireHealthy || response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                ready => ready,
                TimeSpan.FromSeconds(60),
                $"{name} to answer /api/health");
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Task KillAsync() => process.KillAsync();

    /// <summary>SIGKILL of the host alone, its worker left to what the host arranged for it.</summary>
    public Task KillHostAloneAsync() => process.KillAloneAsync();

    /// <summary>The process id of the worker the host started last, as the host logged it; null before the first.</summary>
    public int? WorkerProcessId =>
        Regex.Matches(Output, @"Started the worker \(process (\d+)\)").LastOrDefault() is { } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    public Task StopAsync(TimeSpan grace) => process.StopAsync(grace);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await process.DisposeAsync();
    }
}
