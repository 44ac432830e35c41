using System.Security.Cryptography;
using Orbit.Testing;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// One or more instances of the real function app (each a local host and its worker process, run from the solution's
/// build of functions/) serving one task hub: the same storage, hub, host id, registry, usage table and keys, so they
/// share the hub's control-queue partitions and compete for its work items as scaled-out instances do. Requests go to
/// the first instance (<see cref="Api"/>) unless a caller picks another from <see cref="Apis"/>.
/// </summary>
internal sealed class AppInstances : IAsyncDisposable
{
    private readonly List<FunctionHostProcess> processes = [];
    private readonly string name;
    private readonly string? logDirectory;

    private AppInstances(string name, string? logDirectory)
    {
        this.name = name;
        this.logDirectory = logDirectory;
    }

    public OrbitApi Api => Apis[0];

    /// <summary>Each instance's own API, in start order. Which instance runs a build's episodes depends on which owns the
    /// control-queue partition of its instance id; its activities go to whichever instance takes them from the work-item queue.</summary>
    public IReadOnlyList<OrbitApi> Apis { get; private set; } = [];

    public int Count => processes.Count;

    /// <summary>Whether every instance is still running (one that exited on its own makes what was measured meanwhile void).</summary>
    public bool AllRunning => processes.All(process => !process.HasExited);

    public string HubName { get; private set; } = string.Empty;

    /// <summary>The instances' local hosts (each the parent of its worker).</summary>
    public IEnumerable<int> ProcessIds => processes.Select(process => process.ProcessId);

    /// <summary>The storage account every instance uses (the benchmark reads the task hub's history from it).</summary>
    public string StorageConnectionString { get; private set; } = string.Empty;

    /// <param name="name">Names the processes in messages and log files.</param>
    /// <param name="usageTable">The usage table every instance of every hub of the run shares.</param>
    /// <param name="logDirectory">With a folder, the apps log at Information with timestamps and their output is written there on dispose.</param>
    /// <param name="extraSettings">App settings that override the benchmark's (a Durable setting to try, say).</param>
    /// <param name="scriptRoot">Another build of the app to run (its output folder); this checkout's by default.</param>
    public static async Task<AppInstances> StartAsync(
        string name, int count, string storageConnectionString, RegistryServer registry, string usageTable, string? logDirectory, IReadOnlyDictionary<string, string?>? extraSettings = null,
        string? scriptRoot = null)
    {
        var instances = new AppInstances(name, logDirectory)
        {
            // Durable takes task hub names of letters and digits only.
            HubName = $"bench{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
            StorageConnectionString = storageConnectionString,
        };
        var masterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var functionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId(name),
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = instances.HubName,
            ["Registry__Url"] = registry.Url.ToString(),
            ["Keys__Master"] = masterKey,
            ["Keys__Function__default"] = functionKey,
            ["Quota__UsageTable"] = usageTable,
            // Once a year: the reconcile timer (every 15 minutes by default) would scan the registry in the middle of a round.
            ["Quota__ReconcileSchedule"] = "0 0 0 1 1 *",
            // Information logs every deletion and invocation; the measured runs should not pay for console output.
            ["AzureFunctionsJobHost__logging__logLevel__default"] = logDirectory is null ? "Warning" : "Information",
            // The timed parts measure the code a long-running instance runs, not its compilation. With tiered compilation a
            // method is compiled again, optimized, once it has been called often enough (30 calls; 5, as set here before): code
            // run once per round (a connection pool made again after a minute of idle) got there only in the timed rounds,
            // where that JIT took up to a tenth of the CPU the cleanup shares with Azurite (run CS). Without tiering each method
            // is compiled once, optimized, at its first call, in the warm-ups. Nor is the precompiled (ReadyToRun) code of the
            // runtime and the packages used: without tiering it would run as it is for good, where a long-running instance
            // compiles its hot methods again, optimized; the app took 0.6 ms of CPU per deletion on it against 0.5 compiled
            // (run DL, docs/benchmarks.md). The local host passes its environment on to the worker, so both processes run alike.
            ["DOTNET_TieredCompilation"] = "0",
            ["DOTNET_ReadyToRun"] = "0",
        };
        if (logDirectory is not null)
        {
            settings["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
            settings["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        }

        try
        {
            for (var index = 1; index <= count; index++)
            {
                instances.processes.Add(await FunctionHostProcess.StartAsync($"{name}-{index}", scriptRoot ?? AppPaths.FunctionsScriptRoot, FunctionApp.With(settings, extraSettings)));
            }
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }

        instances.Apis = instances.processes.Select(process => new OrbitApi(process.Http, masterKey, functionKey)).ToList();
        return instances;
    }

    public async ValueTask DisposeAsync()
    {
        for (var index = 0; index < processes.Count; index++)
        {
            var process = processes[index];
            if (process.HasExited)
            {
                Console.Error.WriteLine($"{name}-{index + 1} exited early with {process.ExitCode}:\n{process.Output}");
            }

            await process.DisposeAsync();

            // At Warning only failures are logged: kept in a temporary folder, so a failed run can be understood afterwards.
            var output = process.Output;
            if (logDirectory is not null || output.Length > 0)
            {
                var path = System.IO.Path.Combine(logDirectory ?? ScratchDirectory.Create("orbit-bench-app-"), $"{name}-{index + 1}.log");
                await File.WriteAllTextAsync(path, output);
                Console.WriteLine($"  output of {name}-{index + 1} ({output.Length} characters): {path}");
            }
        }
    }
}
