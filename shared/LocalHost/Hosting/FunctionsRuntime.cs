using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.Azure.WebJobs.Host.Executors;
using Orbit.LocalHost.Configuration;
using Orbit.LocalHost.Durable;
using Orbit.LocalHost.Functions;
using Orbit.LocalHost.Http;
using Orbit.LocalHost.Keys;
using Orbit.LocalHost.Rpc;
using Orbit.LocalHost.Worker;
using Yarp.ReverseProxy.Forwarder;

namespace Orbit.LocalHost.Hosting;

/// <summary>
/// The Functions runtime of this host, started once the server listens (the worker dials it): start the worker, index
/// and load its functions, generate their WebJobs methods, start the WebJobs host with the Storage queue, timer and
/// Durable extensions, and publish the HTTP routes. It stops them in the reverse order, the worker last, so in-flight
/// invocations finish. A worker that exits on its own is started again while the triggers keep listening (invocations
/// wait for it), as the Functions host does, until it has exited three times, each within 30 minutes of the one before
/// (<see cref="WorkerRestartPolicy"/>): then the host stops with exit code 1, so a supervisor (or the test fixture) sees
/// an app that cannot run, where a half-alive host would not.
/// It stops while the host is stopping, before the web server does: the server would otherwise wait out the shutdown
/// timeout for the worker's gRPC stream, which ends only when the worker does, while the triggers kept listening.
/// </summary>
public sealed class FunctionsRuntime(
    LocalHostOptions options,
    HostSettings settings,
    WorkerChannel channel,
    HostKeys keys,
    HttpInvocations invocations,
    HttpTriggerEndpoints endpoints,
    HttpTriggerHandler httpHandler,
    HostState state,
    IHttpForwarder forwarder,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService, IHostedLifecycleService
{
    private const int MaxMessageLength = int.MaxValue;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StreamEndWait = TimeSpan.FromSeconds(5);

    private readonly ILogger logger = loggers.CreateLogger("Host.Startup");
    private readonly WorkerRestartPolicy restarts = new();
    private WorkerConfig? config;
    private List<WorkerFunction> functions = [];
    private WorkerProcess? worker;
    private IHost? jobHost;
    private WorkerHttpForwarder? httpForwarder;
    private int stopped;

    /// <summary>The Durable extension's HTTP management API, once the WebJobs host runs.</summary>
    public IAsyncConverter<HttpRequestMessage, HttpResponseMessage>? DurableManagement { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForServerAsync(stoppingToken);
            await StartRuntimeAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical(exception, "The host could not start the app in {ScriptRoot}: {Reason}", options.ScriptRoot, exception.Message);
            Fail();
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.WhenAny(worker!.Exited, channel.Disconnected).WaitAsync(stoppingToken);
                if (!await RestartWorkerAsync(stoppingToken))
                {
                    Fail();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; StopAsync stops whichever worker there is.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        state.Stopping();
        await base.StopAsync(cancellationToken);
        // Invocations that were waiting for a worker being started again would otherwise hold the listeners' stop up.
        GeneratedFunctionEntry.Close();
        if (jobHost is not null)
        {
            // Stops the listeners and lets running invocations finish; Durable releases its partitions to other instances.
            await jobHost.StopAsync(cancellationToken);
            jobHost.Dispose();
        }

        if (worker is not null)
        {
            // A worker still starting has no stream to be told to stop on, nor invocations to finish: disposing kills it.
            if (channel.Connected.IsCompleted)
            {
                channel.Terminate(StopGrace);
                await worker.StopAsync(StopGrace);
            }

            await worker.DisposeAsync();
        }

        httpForwarder?.Dispose();
    }

    private async Task WaitForServerAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);
    }

    private async Task StartRuntimeAsync(CancellationToken stoppingToken)
    {
        config = WorkerConfig.Read(options.ScriptRoot);
        var initialized = await StartWorkerAsync(stoppingToken);
        functions = await IndexFunctionsAsync(stoppingToken);
        await AttachWorkerAsync(initialized, stoppingToken);

        jobHost = BuildJobHost(FunctionTypeGenerator.Generate(functions), config);
        await jobHost.StartAsync(stoppingToken);
        DurableManagement = jobHost.Services.GetServices<IExtensionConfigProvider>().OfType<DurableTaskExtension>().SingleOrDefault();

        var routePrefix = settings.Configuration[$"{HostJsonFile.Section}:extensions:http:routePrefix"] ?? "api";
        var http = functions.Where(function => BindingParameters.IsHttp(function.Trigger)).ToList();
        var routes = http.Select(function => HttpTriggerRoute.From(function, routePrefix)).ToList();
        var calls = jobHost.Services.GetRequiredService<IJobHost>();
        endpoints.Publish(routes, (context, route) => httpHandler.HandleAsync(context, route, calls));
        state.Running();
        logger.LogInformation("The host is running {Count} functions:{Functions}", functions.Count, string.Concat(functions.Select(function => "\n  " + Describe(function, routes))));
    }

    /// <summary>Starts the worker process and initialises it once it has connected.</summary>
    private async Task<WorkerInitResponse> StartWorkerAsync(CancellationToken stoppingToken)
    {
        worker = WorkerProcess.Start(config!, options.ScriptRoot, RpcUri(), MaxMessageLength, settings.AppSettings, loggers.CreateLogger("Host.Worker"));
        var connected = await Task.WhenAny(channel.Connected, worker.Exited).WaitAsync(ConnectTimeout, stoppingToken);
        if (connected != channel.Connected)
        {
            throw new InvalidOperationException($"The worker exited (code {worker.ExitCode}) before it connected; its output is in the log above.");
        }

        var initialized = await channel.InitializeAsync(
            new WorkerInitRequest
            {
                HostVersion = typeof(FunctionsRuntime).Assembly.GetName().Version?.ToString() ?? "1.0.0",
                WorkerDirectory = options.ScriptRoot,
                FunctionAppDirectory = options.ScriptRoot,
                Capabilities = { ["RpcHttpBodyOnly"] = "true", ["RpcHttpTriggerMetadataRemoved"] = "true" },
            },
            stoppingToken);
        EnsureSuccess(initialized.Result, "initialise");
        return initialized;
    }

    /// <summary>
    /// Loads the functions into the worker that has just initialised (the ones the first worker indexed, with their ids,
    /// as the Functions host loads them into a restarted worker) and hands it the invocations from now on.
    /// </summary>
    private async Task AttachWorkerAsync(WorkerInitResponse initialized, CancellationToken stoppingToken)
    {
        foreach (var function in functions)
        {
            var loaded = await channel.LoadAsync(new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function.Metadata }, stoppingToken);
            EnsureSuccess(loaded.Result, $"load function {function.Name}");
        }

        Uri? workerHttp = null;
        if (functions.Any(function => BindingParameters.IsHttp(function.Trigger)))
        {
            workerHttp = initialized.Capabilities.TryGetValue("HttpUri", out var uri)
                ? new Uri(uri)
                : throw new InvalidOperationException("The app has HTTP functions but its worker announced no HttpUri: this host serves HTTP through the worker's ASP.NET Core integration (ConfigureFunctionsWebApplication).");
        }

        httpForwarder?.Dispose();
        httpForwarder = workerHttp is null ? null : new WorkerHttpForwarder(forwarder, workerHttp);
        GeneratedFunctionEntry.Attach(new WorkerFunctionInvoker(channel, functions.ToDictionary(function => function.Name, StringComparer.OrdinalIgnoreCase), invocations, httpForwarder!));
    }

    /// <summary>
    /// After the worker exited (or its stream ended) while the host ran: starts it again, unless the restart policy says the
    /// host is to stop (false). A worker that fails to start again counts as another exit. Invocations wait meanwhile.
    /// </summary>
    private async Task<bool> RestartWorkerAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            GeneratedFunctionEntry.Detach();
            // Its stream may have ended first: the process goes too (killed), and its stream with it, before the next one starts.
            await worker!.DisposeAsync();
            var exitCode = worker.ExitCode;
            if (channel.Connected.IsCompleted)
            {
                await channel.Disconnected.WaitAsync(StreamEndWait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            stoppingToken.ThrowIfCancellationRequested();
            if (!restarts.RestartAfterExit(time.GetUtcNow()))
            {
                logger.LogCritical(
                    "The worker process ended (exit code {ExitCode}): {Exits} exits, each within {Window} of the one before; the host stops, as the Functions host does.",
                    exitCode, restarts.Exits, WorkerRestartPolicy.Window);
                return false;
            }

            logger.LogError(
                "The worker process ended (exit code {ExitCode}) while the host was running; starting it again ({Exits} of {Allowed} exits within {Window} of each other before the host stops). Invocations wait for it.",
                exitCode, restarts.Exits, WorkerRestartPolicy.ExitsBeforeStopping - 1, WorkerRestartPolicy.Window);
            channel.Reset();
            try
            {
                await AttachWorkerAsync(await StartWorkerAsync(stoppingToken), stoppingToken);
                logger.LogInformation("The worker (process {ProcessId}) runs the {Count} functions again.", worker.ProcessId, functions.Count);
                return true;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError("The worker could not be started again: {Reason}", exception.Message);
            }
        }
    }

    /// <summary>The app's functions: as the worker indexes them, or from functions.metadata.</summary>
    private async Task<List<WorkerFunction>> IndexFunctionsAsync(CancellationToken stoppingToken)
    {
        var indexed = config!.WorkerIndexing ? await channel.GetMetadataAsync(options.ScriptRoot, stoppingToken) : null;
        if (indexed is { UseDefaultMetadataIndexing: false })
        {
            EnsureSuccess(indexed.Result, "index its functions");
            return indexed.FunctionMetadataResults.Select(WorkerFunction.From).ToList();
        }

        return FunctionsMetadataFile.Read(options.ScriptRoot).Select(WorkerFunction.From).ToList();
    }

    private IHost BuildJobHost(Type generated, WorkerConfig config) =>
        new HostBuilder()
            .ConfigureAppConfiguration(configuration =>
            {
                configuration.Sources.Clear();
                configuration.AddInMemoryCollection(DurableWorkerName());
                configuration.AddConfiguration(settings.Configuration);
            })
            .ConfigureWebJobs(webJobs =>
            {
                webJobs.AddAzureStorageCoreServices();
                webJobs.AddAzureStorageQueues();
                webJobs.AddTimers();
                webJobs.AddDurableTask();
            })
            .ConfigureLogging(logging => LocalHostLogging.Configure(logging, settings.Configuration))
            .ConfigureServices(services =>
            {
                services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
                services.AddSingleton<ITypeLocator>(new GeneratedTypeLocator(generated));
#pragma warning disable CS0618 // see LocalWebHookProvider
                services.AddSingleton<IWebHookProvider>(new LocalWebHookProvider(HostBaseUri(), keys));
#pragma warning restore CS0618
                services.AddSingleton<IHostIdProvider>(new HostIdProvider(HostIdProvider.From(settings.Configuration["AzureFunctionsWebHost:hostid"], Path.GetFileNameWithoutExtension(config.WorkerPath))));
            })
            .Build();

    /// <summary>
    /// The Durable extension names this instance's worker, the owner of task hub partitions, after the machine unless
    /// WEBSITE_CURRENT_STAMPNAME and RoleInstanceId name it, as App Service does. Two local hosts on one machine would be
    /// one worker to it, each taking every partition as its own; the port tells them apart, no two live hosts on a machine
    /// sharing one. An instance restarted on its port is the same worker again and takes its partitions back at once,
    /// instead of after their leases run out. Settings of the same names still win.
    /// </summary>
    private Dictionary<string, string?> DurableWorkerName() => new()
    {
        ["WEBSITE_CURRENT_STAMPNAME"] = Environment.MachineName,
        ["RoleInstanceId"] = options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private Uri RpcUri()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var rpc = addresses.Select(address => new Uri(address)).FirstOrDefault(address => address.Port != options.Port)
            ?? throw new InvalidOperationException("The host's gRPC endpoint for the worker is not listening.");
        return new Uri($"http://127.0.0.1:{rpc.Port}/");
    }

    private Uri HostBaseUri() =>
        settings.Configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } hostName ? new Uri($"https://{hostName}/") : new Uri($"http://127.0.0.1:{options.Port}/");

    private static string Describe(WorkerFunction function, IReadOnlyList<HttpTriggerRoute> routes) =>
        routes.FirstOrDefault(route => route.Function == function.Name) is { } route
            ? $"{function.Name}: [{string.Join(",", route.Methods ?? ["*"])}] /{route.Template} ({route.Level})"
            : $"{function.Name}: {function.Trigger.Type}";

    private static void EnsureSuccess(StatusResult? result, string what)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker could not {what}: {result?.Exception?.Message ?? result?.Result ?? "it gave no reason"}");
        }
    }

    private void Fail()
    {
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
