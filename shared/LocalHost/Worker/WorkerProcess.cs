using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Orbit.LocalHost.Worker;

/// <summary>
/// The worker process, started as the Functions host starts it: the executable and worker path from worker.config.json,
/// the host's gRPC address and ids on the command line, the app settings as its environment. Its standard output and
/// error go to this host's log. Disposing stops it (and anything it started), after the grace period by SIGKILL; a host
/// killed before it could stops it too (<see cref="ParentDeathSignal"/>).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ILogger logger;
    private int disposed;
    private int? exitCode;

    private WorkerProcess(Process process, ILogger logger)
    {
        this.process = process;
        this.logger = logger;
        ProcessId = process.Id;
        Exited = process.WaitForExitAsync();
    }

    public int ProcessId { get; }

    public string WorkerId { get; private init; } = string.Empty;

    /// <summary>Completes when the process has exited, for whatever reason.</summary>
    public Task Exited { get; }

    /// <summary>Once it has exited; kept when disposed.</summary>
    public int ExitCode => exitCode ?? process.ExitCode;

    public static WorkerProcess Start(WorkerConfig config, string scriptRoot, Uri hostUri, int maxMessageLength, IReadOnlyDictionary<string, string> appSettings, ILogger logger)
    {
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(config.ExecutablePath)
        {
            WorkingDirectory = scriptRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in config.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(config.WorkerPath);
        foreach (var argument in (string[])["--functions-uri", hostUri.ToString(), "--functions-worker-id", workerId, "--functions-request-id", Guid.NewGuid().ToString(), "--functions-grpc-max-message-length", maxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in appSettings)
        {
            start.Environment[name] = value;
        }

        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = scriptRoot;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = scriptRoot;
        // The worker's own HTTP server listens where it chooses and says so (HttpUri); an inherited ASPNETCORE_URLS
        // meant for the host would make it take the host's port.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");

        var (process, tied) = ParentDeathSignal.Start(start);
        var worker = new WorkerProcess(process, logger) { WorkerId = workerId };
        process.OutputDataReceived += (_, line) => worker.Forward(line.Data, LogLevel.Information);
        process.ErrorDataReceived += (_, line) => worker.Forward(line.Data, LogLevel.Warning);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogInformation("Started the worker (process {ProcessId}): {Executable} {WorkerPath}.", process.Id, config.ExecutablePath, config.WorkerPath);
        if (!tied)
        {
            logger.LogWarning("The worker (process {ProcessId}) is not tied to this host (util-linux's setpriv not found, or not Linux): if the host is killed, stop the worker yourself.", process.Id);
        }

        return worker;
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (Volatile.Read(ref disposed) == 1 || process.HasExited)
        {
            return;
        }

        try
        {
            await Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The worker (process {ProcessId}) did not stop within {Grace}; killing it.", process.Id, grace);
            process.Kill(entireProcessTree: true);
            await Exited;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await Exited;
        }

        exitCode = process.ExitCode;
        process.Dispose();
    }

    private void Forward(string? line, LogLevel level)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.Log(level, "{WorkerOutput}", line);
        }
    }
}
