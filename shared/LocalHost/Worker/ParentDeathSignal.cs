using System.Diagnostics;
using System.Runtime.Versioning;

namespace Orbit.LocalHost.Worker;

/// <summary>
/// Starts the worker so that the kernel stops it when this host dies without stopping it (SIGKILL, a crash): on Linux
/// through util-linux's <c>setpriv --pdeathsig TERM</c>, which asks for SIGTERM on its parent's death and then becomes the
/// worker (the same process id). Without it a killed host left its worker running with no host to serve, its Service Bus
/// listener still taking messages. The Functions host ties its workers to itself on Windows (a job object); where
/// <c>setpriv</c> is missing the worker is started as it is.
/// </summary>
public static class ParentDeathSignal
{
    /// <summary>The process, and whether it is tied to this host's life.</summary>
    public static (Process Process, bool Tied) Start(ProcessStartInfo start)
    {
        if (OperatingSystem.IsLinux() && OnPath("setpriv") is { } setpriv && Resolve(start.FileName) is { } executable)
        {
            return (StartOnOwnThread(UnderSetpriv(start, setpriv, executable)), true);
        }

        return (Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started."), false);
    }

    private static ProcessStartInfo UnderSetpriv(ProcessStartInfo start, string setpriv, string executable)
    {
        var tied = new ProcessStartInfo(setpriv)
        {
            WorkingDirectory = start.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
        };
        foreach (var argument in (string[])["--pdeathsig", "TERM", "--", executable, .. start.ArgumentList])
        {
            tied.ArgumentList.Add(argument);
        }

        tied.Environment.Clear();
        foreach (var (name, value) in start.Environment)
        {
            tied.Environment[name] = value;
        }

        return tied;
    }

    /// <summary>
    /// The kernel's "parent" is the thread that forked, not the process: a worker started from a pool thread would be sent
    /// the signal when that thread retires. So the fork happens on a thread of its own that lives as long as the worker.
    /// </summary>
    private static Process StartOnOwnThread(ProcessStartInfo start)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started.");
                var exited = process.WaitForExitAsync();
                started.SetResult(process);
                exited.Wait();
            }
            catch (Exception exception)
            {
                // Failed to start, or the process object was disposed after the worker was stopped: either way nothing to wait for.
                started.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "Worker parent",
        };
        thread.Start();
        return started.Task.GetAwaiter().GetResult();
    }

    /// <summary>What Process.Start would run for <paramref name="file"/>: a path as given, a bare name from PATH; null if none.</summary>
    [SupportedOSPlatform("linux")]
    private static string? Resolve(string file) => file.Contains('/') ? Path.GetFullPath(file) : OnPath(file);

    /// <summary>The host's PATH, as Process.Start searches it: the worker's own environment is the app settings, PATH or not.</summary>
    [SupportedOSPlatform("linux")]
    private static string? OnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(candidate => File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
    }
}
