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
/// invocations finish. A worker that exits on its own takes the host down with exit code 1: a supervisor (or the test
/// fixture) sees it, where a half-alive host would not.
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
    ILoggerFactory loggers) : BackgroundService, IHostedLifecycleService
{
    private const int MaxMessageLength = int.MaxValue;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly ILogger logger = loggers.CreateLogger("Host.Startup");
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

        await Task.WhenAny(worker!.Exited, channel.Disconnected, Task.Delay(Timeout.Infinite, stoppingToken));
        if (!stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical("The worker process ended (exit code {ExitCode}) while the host was running; the host stops.", worker.Exited.IsCompleted ? worker.ExitCode : null);
            Fail();
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
        if (jobHost is not null)
        {
            // Stops the listeners and lets running invocations finish; Durable releases its partitions to other instances.
            await jobHost.StopAsync(cancellationToken);
            jobHost.Dispose();
        }

        if (worker is not null)
        {
            channel.Terminate(StopGrace);
            await worker.StopAsync(StopGrace);
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
        var config = WorkerConfig.Read(options.ScriptRoot);
        worker = WorkerProcess.Start(config, options.ScriptRoot, RpcUri(), MaxMessageLength, settings.AppSettings, loggers.CreateLogger("Host.Worker"));
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

        var functions = await LoadFunctionsAsync(config, stoppingToken);
        var http = functions.Where(function => BindingParameters.IsHttp(function.Trigger)).ToList();
        Uri? workerHttp = null;
        if (http.Count > 0)
        {
            workerHttp = initialized.Capabilities.TryGetValue("HttpUri", out var uri)
                ? new Uri(uri)
                : throw new InvalidOperationException("The app has HTTP functions but its worker announced no HttpUri: this host serves HTTP through the worker's ASP.NET Core integration (ConfigureFunctionsWebApplication).");
        }

        httpForwarder = workerHttp is null ? null : new WorkerHttpForwarder(forwarder, workerHttp);
        GeneratedFunctionEntry.Attach(new WorkerFunctionInvoker(channel, functions.ToDictionary(function => function.Name, StringComparer.OrdinalIgnoreCase), invocations, httpForwarder!));

        jobHost = BuildJobHost(FunctionTypeGenerator.Generate(functions), config);
        await jobHost.StartAsync(stoppingToken);
        DurableManagement = jobHost.Services.GetServices<IExtensionConfigProvider>().OfType<DurableTaskExtension>().SingleOrDefault();

        var routePrefix = settings.Configuration[$"{HostJsonFile.Section}:extensions:http:routePrefix"] ?? "api";
        var routes = http.Select(function => HttpTriggerRoute.From(function, routePrefix)).ToList();
        var calls = jobHost.Services.GetRequiredService<IJobHost>();
        endpoints.Publish(routes, (context, route) => httpHandler.HandleAsync(context, route, calls));
        state.Running();
        logger.LogInformation("The host is running {Count} functions:{Functions}", functions.Count, string.Concat(functions.Select(function => "\n  " + Describe(function, routes))));
    }

    private async Task<List<WorkerFunction>> LoadFunctionsAsync(WorkerConfig config, CancellationToken stoppingToken)
    {
        IEnumerable<RpcFunctionMetadata> metadata;
        var indexed = config.WorkerIndexing ? await channel.GetMetadataAsync(options.ScriptRoot, stoppingToken) : null;
        if (indexed is { UseDefaultMetadataIndexing: false })
        {
            EnsureSuccess(indexed.Result, "index its functions");
            metadata = indexed.FunctionMetadataResults;
        }
        else
        {
            metadata = FunctionsMetadataFile.Read(options.ScriptRoot);
        }

        var functions = metadata.Select(WorkerFunction.From).ToList();
        foreach (var function in functions)
        {
            var loaded = await channel.LoadAsync(new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function.Metadata }, stoppingToken);
            EnsureSuccess(loaded.Result, $"load function {function.Name}");
        }

        return functions;
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
