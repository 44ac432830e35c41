using System.Diagnostics;

namespace Orbit.Testing;

/// <summary>
/// Runs the <c>orbit</c> tool as a user does (<c>dotnet orbit.dll …</c>, from the test's output folder, where a
/// project reference to cli/Orbit.Cli puts it), with standard output and error kept apart, the environment given
/// (nothing of the test runner's <c>ORBIT_*</c> or <c>CI</c> leaks in), and the process killed if it outlives the timeout.
/// </summary>
public static class OrbitCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "orbit.dll");

    public static Task<OrbitRun> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null, TimeSpan? timeout = null, string? workingDirectory = null) =>
        RunAsync("dotnet", [Dll, .. arguments], environment, standardInput, timeout, workingDirectory);

    /// <summary>
    /// Runs <c>orbit</c> in a real pseudo-terminal (util-linux <c>script</c>, which gives its child a pty and copies what the
    /// child draws), with <c>TERM=xterm-256color</c> and no <c>CI</c>: what a person at a terminal sees, escape sequences and all.
    /// </summary>
    public static Task<OrbitRun> RunInTerminalAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var command = string.Join(' ', new[] { "dotnet", Dll }.Concat(arguments).Select(argument => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var terminal = new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "120", ["LINES"] = "40" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            terminal[name] = value;
        }

        return RunAsync("script", ["-qfec", $"stty cols 120 rows 40; {command}", "/dev/null"], terminal, null, timeout, null);
    }

    private static async Task<OrbitRun> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? standardInput, TimeSpan? timeout, string? workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("ORBIT_", StringComparison.Ordinal) || name is "CI" or "TERM").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList)} ran longer than {timeout ?? TimeSpan.FromSeconds(120)}; killed. Output so far: {await output}{await error}");
        }

        return new OrbitRun(process.ExitCode, await output, await error);
    }
}

/// <summary>One run of <c>orbit</c>: its exit code, standard output and standard error.</summary>
public sealed record OrbitRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
