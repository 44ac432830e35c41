using System.CommandLine;
using Orbit.LocalHost.Configuration;

namespace Orbit.LocalHost.Hosting;

/// <summary>
/// <c>start --script-root DIR --port N</c>, as Core Tools' <c>func start</c>: runs the Functions app in DIR (its build or
/// publish output) with the settings of the environment and DIR's local.settings.json.
/// </summary>
public static class LocalHostCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var scriptRoot = new Option<DirectoryInfo>("--script-root")
        {
            Description = "The app's build or publish folder (it holds host.json, worker.config.json and the worker).",
            DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = "The HTTP port, on 127.0.0.1.",
            DefaultValueFactory = _ => 7071,
        };
        var start = new Command("start", "Runs the Functions app in the script root, as `func start` does.") { scriptRoot, port };
        start.SetAction((parsed, cancellationToken) => StartAsync(new LocalHostOptions(parsed.GetValue(scriptRoot)!.FullName, parsed.GetValue(port))));
        var root = new RootCommand("The local host of Orbit registry functions: a stand-in for Azure Functions Core Tools' `func start`.") { start };
        // The web host owns SIGTERM and Ctrl-C: it stops the listeners and lets invocations in flight finish, as the Functions
        // host does. System.CommandLine would otherwise take the signal too and end the process two seconds later.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static async Task<int> StartAsync(LocalHostOptions options)
    {
        if (!Directory.Exists(options.ScriptRoot))
        {
            await Console.Error.WriteLineAsync($"start: the script root {options.ScriptRoot} does not exist.");
            return 2;
        }

        if (options.Port is < 1 or > 65535)
        {
            await Console.Error.WriteLineAsync($"start: --port must be between 1 and 65535; it is {options.Port}.");
            return 2;
        }

        HostSettings settings;
        try
        {
            settings = HostSettings.Load(options.ScriptRoot, Environment.GetEnvironmentVariables());
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException or FormatException)
        {
            await Console.Error.WriteLineAsync($"start: {exception.Message}");
            return 2;
        }

        HostSettings.ApplyToProcess(settings);
        var app = LocalHostServer.Build(options, settings);
        if (LocalSettingsFile.IsReadableByOthers(options.ScriptRoot))
        {
            app.Logger.LogWarning("{File} in {ScriptRoot} may be read by other users, and it holds keys and connection strings: chmod 600 it.", LocalSettingsFile.FileName, options.ScriptRoot);
        }

        await app.RunAsync();
        return Environment.ExitCode;
    }
}
