using System.CommandLine;
using Orbit.Benchmarks;
using Orbit.Benchmarks.BuildCleanup;
using Orbit.Benchmarks.CleanupPlan;
using Orbit.Benchmarks.Dashboard;
using Orbit.Benchmarks.EngineLatency;
using Orbit.Benchmarks.HostAttribution;
using Orbit.Benchmarks.IdleRequests;
using Orbit.Benchmarks.QueueThroughput;
using Orbit.Benchmarks.RegistryTokens;
using Orbit.Benchmarks.RegistryUsage;
using Orbit.Benchmarks.ServiceBusThroughput;
using Orbit.Benchmarks.UntrackRecords;

var messages = new Option<int>("--messages") { Description = "Messages per round.", DefaultValueFactory = _ => 3000 };
var rounds = new Option<int>("--rounds") { Description = "Rounds; the summary reports medians.", DefaultValueFactory = _ => 5 };
var batchSize = new Option<int>("--batch-size") { Description = "Messages per receive, for the raw loop and the hosts alike (1-32).", DefaultValueFactory = _ => 32 };
var queueWarmUp = new Option<int>("--warm-up-messages") { Description = "Messages each contender takes before the timed ones, once started (0: measured cold).", DefaultValueFactory = _ => 3000 };
var queueThroughput = new Command("queue-throughput", "Queue-trigger throughput (the test app's no-op queue function on 1 and 2 local hosts with their workers) against a raw receive/delete loop on one Azurite.")
{
    messages,
    rounds,
    batchSize,
    queueWarmUp,
};
queueThroughput.SetAction((result, cancellationToken) =>
    new QueueThroughputBenchmark(result.GetValue(messages), result.GetValue(rounds), result.GetValue(batchSize), result.GetValue(queueWarmUp), Console.Out).RunAsync(cancellationToken));

var small = new Option<int>("--small") { Description = "Images in the small workspace whose usage is read.", DefaultValueFactory = _ => 1000 };
var large = new Option<int>("--large") { Description = "Images in the large workspace whose usage is read.", DefaultValueFactory = _ => 100_000 };
var requests = new Option<int>("--requests") { Description = "Timed reads of each workspace's usage, interleaved, after a warm-up.", DefaultValueFactory = _ => 2000 };
var images = new Option<int>("--images") { Description = "Images pushed and tracked per set per round.", DefaultValueFactory = _ => 200 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent track requests.", DefaultValueFactory = _ => 8 };
var trackRounds = new Option<int>("--rounds") { Description = "Tracking rounds; the summary reports medians.", DefaultValueFactory = _ => 3 };
var registryUsage = new Command("registry-usage", "Usage-read latency for a small and a large workspace, and image-tracking throughput with shared and unique layers, against the function app on one Azurite and one registry.")
{
    small,
    large,
    requests,
    images,
    concurrency,
    trackRounds,
};
registryUsage.SetAction((result, cancellationToken) =>
    new RegistryUsageBenchmark(
        new RegistryUsageOptions(result.GetValue(small), result.GetValue(large), result.GetValue(requests), result.GetValue(images), result.GetValue(concurrency), result.GetValue(trackRounds)),
        Console.Out).RunAsync(cancellationToken));

var cleanupPlan = new Command("cleanup-plan", "The pure cleanup planner (BenchmarkDotNet) on workspaces of 1k, 10k and 100k images above the cleanup trigger; reports medians.");
cleanupPlan.SetAction(_ => CleanupPlanRunner.Run(Console.Out));

var apps = new Option<int>("--apps") { Description = "Apps (repositories) per workspace.", DefaultValueFactory = _ => 10 };
var tags = new Option<int>("--tags") { Description = "Tags per app; all but the newest 2 are deleted.", DefaultValueFactory = _ => 20 };
var deleteRounds = new Option<int>("--rounds") { Description = "Rounds, each variant on a fresh workspace every round; the summary reports medians.", DefaultValueFactory = _ => 3 };
var parallelism = new Option<int>("--parallelism") { Description = "Registry DELETEs in flight for the raw parallel baseline.", DefaultValueFactory = _ => 16 };
var deleteWarmUps = new Option<int>("--warm-up-rounds") { Description = "Untimed full-size fan-outs per fan-out variant before the rounds, so the app processes' JIT has settled.", DefaultValueFactory = _ => 3 };
var smallWarmUps = new Option<int>("--small-warm-ups") { Description = "Untimed small cleanups (2 apps x 6 tags) per fan-out process after the full-size ones: code run once per cleanup reaches optimized code only after about ten cleanups.", DefaultValueFactory = _ => 0 };
var deletePoll = new Option<int>("--poll-ms") { Description = "Milliseconds between polls of a build's status.", DefaultValueFactory = _ => 20 };
var deletePollVia = new Option<StatusSource>("--poll-via") { Description = "Where the fan-outs' status is polled: StatusUrl (Durable's status URL, the host alone) or BuildEndpoint (GET /api/builds/{id}, through the worker).", DefaultValueFactory = _ => StatusSource.StatusUrl };
var deleteAppLog = new Option<string?>("--app-log") { Description = "Diagnostic run: the apps log at Information, with timestamps, to files in this folder." };
var registryCpu = new Option<int?>("--registry-cpu") { Description = "Run the registry on this CPU alone; start the benchmark with taskset on the other CPUs (the error says how)." };
var deleteSettings = new Option<string[]>("--setting") { Description = "An app setting NAME=VALUE for the fan-outs' instances (repeatable), e.g. Builds__DeletionBatchSize=60.", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] };
var contenderSettings = new Option<string[]>("--contender-setting") { Description = "Adds a one-instance cleanup with these app settings on top of --setting (repeatable), timed in the same rounds as the others: an A/B of a setting within one run.", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] };
var contenderApp = new Option<string?>("--contender-app") { Description = "Adds a one-instance cleanup running this build of the app (the output folder of another checkout's functions/), timed in the same rounds: old and new code side by side." };
var withoutPair = new Option<bool>("--without-pair") { Description = "Leave out the two-instance cleanup (shorter diagnostic runs)." };
var pushOrderRaw = new Option<bool>("--push-order-raw") { Description = "Also time the raw loop in the images' push order (several repositories interleaved), the baseline before 2026-12-06; the baseline deletes in the cleanup's order." };
var freezeIdleApps = new Option<bool>("--freeze-idle-apps") { Description = "Stop the app instances a variant does not use during its timed part (their idle polling shares the CPU with the measured one)." };
var storageInMemory = new Option<bool>("--storage-in-memory") { Description = "Azurite keeps its data in memory (--inMemoryPersistence): on disk it writes each whole database every 5 s, on the CPU the measured app shares with it." };
var cleanupDeletes = new Command("cleanup-deletes", "Cleanup deletion throughput: the seed's sequential loop, raw parallel registry DELETEs, and the build orchestration's fan-out with 1 and 2 app instances, on one Azurite and one registry.")
{
    apps,
    tags,
    deleteRounds,
    deleteWarmUps,
    smallWarmUps,
    parallelism,
    deletePoll,
    deletePollVia,
    deleteAppLog,
    registryCpu,
    deleteSettings,
    contenderSettings,
    contenderApp,
    withoutPair,
    pushOrderRaw,
    freezeIdleApps,
    storageInMemory,
};
cleanupDeletes.SetAction((result, cancellationToken) =>
    new CleanupDeletesBenchmark(
        new CleanupDeletesOptions(
            result.GetValue(apps), result.GetValue(tags), result.GetValue(deleteRounds), result.GetValue(deleteWarmUps), result.GetValue(parallelism), result.GetValue(deletePoll),
            result.GetValue(deletePollVia), result.GetValue(deleteAppLog), result.GetValue(registryCpu), AppSettingArguments.Parse(result.GetValue(deleteSettings) ?? []),
            AppSettingArguments.Parse(result.GetValue(contenderSettings) ?? []), result.GetValue(freezeIdleApps), result.GetValue(smallWarmUps), result.GetValue(storageInMemory),
            result.GetValue(withoutPair), result.GetValue(contenderApp), result.GetValue(pushOrderRaw)),
        Console.Out).RunAsync(cancellationToken));

var builds = new Option<int>("--builds") { Description = "Timed builds, one at a time.", DefaultValueFactory = _ => 200 };
var warmUpBuilds = new Option<int>("--warm-up") { Description = "Untimed builds first.", DefaultValueFactory = _ => 20 };
var readyPoll = new Option<int>("--poll-ms") { Description = "Milliseconds between polls of a build's status (0: back to back).", DefaultValueFactory = _ => 5 };
var readyPause = new Option<int>("--pause-ms") { Description = "Idle milliseconds before each build, so the engine's queue pollers have backed off as between a build system's calls (0: back to back).", DefaultValueFactory = _ => 1000 };
var readySettings = new Option<string[]>("--setting") { Description = "An app setting NAME=VALUE for the app's instance (repeatable), e.g. a Durable setting to try.", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] };
var usageReads = new Option<int>("--usage-reads") { Description = "Timed registry-usage reads after each build (the one-request floor).", DefaultValueFactory = _ => 5 };
var readyAppLog = new Option<string?>("--app-log") { Description = "Diagnostic run: the app logs at Information, with timestamps, to a file in this folder." };
var readyInstances = new Option<int>("--instances") { Description = "Instances of the app on one task hub; requests go to the first, a build runs where its partition is owned.", DefaultValueFactory = _ => 1 };
var buildReadyLatency = new Command("build-ready-latency", "POST /api/builds -> ready-to-build latency when no cleanup is needed, polling GET /api/builds/{id} and the Durable status URL in turn, against plain registry-usage reads, on one app instance or more (--instances).")
{
    builds,
    warmUpBuilds,
    readyPoll,
    readyPause,
    usageReads,
    readySettings,
    readyAppLog,
    readyInstances,
};
buildReadyLatency.SetAction((result, cancellationToken) =>
    new BuildReadyLatencyBenchmark(
        new BuildReadyLatencyOptions(
            result.GetValue(builds), result.GetValue(warmUpBuilds), result.GetValue(readyPoll), result.GetValue(readyPause), result.GetValue(usageReads), result.GetValue(readyAppLog),
            AppSettingArguments.Parse(result.GetValue(readySettings) ?? []), result.GetValue(readyInstances)),
        Console.Out).RunAsync(cancellationToken));

var idleMinutes = new Option<int>("--minutes") { Description = "Idle minutes counted per configuration.", DefaultValueFactory = _ => 3 };
var idleSettle = new Option<int>("--settle-seconds") { Description = "Seconds after start-up before counting.", DefaultValueFactory = _ => 60 };
var idleInstances = new Option<int>("--instances") { Description = "Instances of the app on one storage account and task hub.", DefaultValueFactory = _ => 1 };
var idleRequests = new Command("idle-requests", "Storage requests a minute of the idle function app, by kind, from Azurite's debug log, and the CPU of its processes and Azurite: with host.json's Durable polling (100 ms), the same without the thread pool's spin-wait, and with Durable's default (30 s).")
{
    idleMinutes,
    idleSettle,
    idleInstances,
};
idleRequests.SetAction((result, cancellationToken) =>
    new IdleRequestsBenchmark(new IdleRequestsOptions(result.GetValue(idleMinutes), result.GetValue(idleSettle), result.GetValue(idleInstances)), Console.Out).RunAsync(cancellationToken));

var engineFanOut = new Option<int>("--fan-out") { Description = "Activities of the larger orchestration (the smaller has one).", DefaultValueFactory = _ => 20 };
var engineRounds = new Option<int>("--rounds") { Description = "Rounds; the contenders take turns at going first.", DefaultValueFactory = _ => 5 };
var enginePerRound = new Option<int>("--per-round") { Description = "Timed instances of each size per contender per round.", DefaultValueFactory = _ => 20 };
var engineWarmUp = new Option<int>("--warm-up") { Description = "Untimed instances of each size per contender first.", DefaultValueFactory = _ => 20 };
var enginePoll = new Option<int>("--poll-ms") { Description = "Milliseconds between polls of an instance's row.", DefaultValueFactory = _ => 5 };
var enginePause = new Option<int>("--pause-ms") { Description = "Idle milliseconds before each instance (0: back to back).", DefaultValueFactory = _ => 0 };
var engineMaxPolling = new Option<int>("--max-queue-polling-ms") { Description = "Durable's maxQueuePollingInterval for both contenders.", DefaultValueFactory = _ => 100 };
var engineLatency = new Command("engine-latency", "An orchestration with one activity and one with a fan-out, start to completed: DurableTask.Core + AzureStorage in process against the local host with the WebJobs Durable extension and the isolated worker, on one Azurite.")
{
    engineFanOut,
    engineRounds,
    enginePerRound,
    engineWarmUp,
    enginePoll,
    enginePause,
    engineMaxPolling,
};
engineLatency.SetAction((result, cancellationToken) =>
    new EngineLatencyBenchmark(
        new EngineLatencyOptions(
            result.GetValue(engineFanOut), result.GetValue(engineRounds), result.GetValue(enginePerRound), result.GetValue(engineWarmUp), result.GetValue(enginePoll),
            result.GetValue(enginePause), result.GetValue(engineMaxPolling)),
        Console.Out).RunAsync(cancellationToken));

var hostContainers = new Option<int>("--containers") { Description = "Containers listed on the host.", DefaultValueFactory = _ => 1000 };
var auditLines = new Option<int>("--audit-lines") { Description = "Audit log lines read by the cycle (four per audit event).", DefaultValueFactory = _ => 50_000 };
var hostImages = new Option<int>("--images") { Description = "Images listed, eight layers each, sharing five base layers.", DefaultValueFactory = _ => 100 };
var hostUsers = new Option<int>("--users") { Description = "Users in passwd, each with a 6 GiB limit.", DefaultValueFactory = _ => 40 };
var hostRuns = new Option<int>("--runs") { Description = "Timed cycles after one warm-up; the summary reports medians.", DefaultValueFactory = _ => 9 };
var hostAttribution = new Command("host-attribution", "One Docker-host attribution cycle in process (audit read, attribution, usage, enforcement plan, checkpoint state) on a generated host; time, allocation, peak working set, audit lines/s.")
{
    hostContainers,
    auditLines,
    hostImages,
    hostUsers,
    hostRuns,
};
hostAttribution.SetAction((result, cancellationToken) =>
    new HostAttributionBenchmark(
        new HostAttributionOptions(result.GetValue(hostContainers), result.GetValue(auditLines), result.GetValue(hostImages), result.GetValue(hostUsers), result.GetValue(hostRuns)),
        Console.Out).RunAsync(cancellationToken));

var tokenRequests = new Option<int>("--requests") { Description = "Timed requests of each kind, one at a time, interleaved.", DefaultValueFactory = _ => 2000 };
var tokenWarmUp = new Option<int>("--warm-up") { Description = "Untimed rounds of every kind first.", DefaultValueFactory = _ => 200 };
var registryTokenLatency = new Command("registry-token-latency", "Token issuance latency (tenant registry password, registry token service with a scope) against GET /api/health, on one app process.")
{
    tokenRequests,
    tokenWarmUp,
};
registryTokenLatency.SetAction((result, cancellationToken) =>
    new RegistryTokenLatencyBenchmark(result.GetValue(tokenRequests), result.GetValue(tokenWarmUp), Console.Out).RunAsync(cancellationToken));

var busMessages = new Option<int>("--messages") { Description = "Messages per round (the backlog each contender drains).", DefaultValueFactory = _ => 1500 };
var busRounds = new Option<int>("--rounds") { Description = "Rounds; the summary reports medians.", DefaultValueFactory = _ => 3 };
var busConcurrency = new Option<int>("--concurrency") { Description = "MaxConcurrentCalls of the hosts and the credit of the raw loops.", DefaultValueFactory = _ => 16 };
var serviceBusThroughput = new Command("servicebus-throughput", "Service Bus trigger throughput (receive, one table write, accept) with 1 and 2 host processes against raw AMQPNetLite loops on one RabbitMQ and one Azurite.")
{
    busMessages,
    busRounds,
    busConcurrency,
};
serviceBusThroughput.SetAction((result, cancellationToken) =>
    new ServiceBusThroughputBenchmark(result.GetValue(busMessages), result.GetValue(busRounds), result.GetValue(busConcurrency), Console.Out).RunAsync(cancellationToken));

var dashboardWorkspaces = new Option<int>("--workspaces") { Description = "Workspaces on the home page.", DefaultValueFactory = _ => 1000 };
var dashboardImages = new Option<int>("--images") { Description = "Images in the workspace whose page is read.", DefaultValueFactory = _ => 10_000 };
var dashboardRequests = new Option<int>("--requests") { Description = "Timed requests of each page, interleaved, after a warm-up.", DefaultValueFactory = _ => 200 };
var dashboardSettings = new Option<string[]>("--setting") { Description = "An app setting NAME=VALUE for the app's instance (repeatable), e.g. Dashboard__ImagesPerPage=50.", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] };
var dashboard = new Command("dashboard", "Dashboard page response times: the home page over many workspaces and one workspace of many images, against the one-row usage API, on the function app.")
{
    dashboardWorkspaces,
    dashboardImages,
    dashboardRequests,
    dashboardSettings,
};
dashboard.SetAction((result, cancellationToken) =>
    new DashboardPagesBenchmark(result.GetValue(dashboardWorkspaces), result.GetValue(dashboardImages), result.GetValue(dashboardRequests), AppSettingArguments.Parse(result.GetValue(dashboardSettings)!), Console.Out).RunAsync(cancellationToken));

var untrackImages = new Option<int>("--images") { Description = "Images in the workspace, deleted in commits of ten (a multiple of ten).", DefaultValueFactory = _ => 600 };
var untrackRounds = new Option<int>("--rounds") { Description = "Rounds; the two layouts take turns at going first.", DefaultValueFactory = _ => 6 };
var untrackRecordRows = new Command("untrack-record-rows", "Azurite's CPU for a cleanup's untrack commits with the record of its manifest untracks in a row per manifest (before 2026-12-07) and in one row per commit.")
{
    untrackImages,
    untrackRounds,
};
untrackRecordRows.SetAction((result, cancellationToken) =>
    new UntrackRecordRowsBenchmark(new UntrackRecordRowsOptions(result.GetValue(untrackImages), result.GetValue(untrackRounds)), Console.Out).RunAsync(cancellationToken));

var root = new RootCommand("Orbit registry functions benchmarks (results belong in docs/benchmarks.md).")
{
    queueThroughput, registryUsage, cleanupPlan, cleanupDeletes, buildReadyLatency, idleRequests, engineLatency, hostAttribution, registryTokenLatency, serviceBusThroughput, dashboard,
    untrackRecordRows,
};
// On Ctrl-C or SIGTERM the benchmark's token is cancelled and its fixtures stop the processes they started (Azurite, the
// registry, the app instances, thawing any it froze); System.CommandLine would end the process two seconds after the
// signal, before they have, and leave those processes running.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60), EnableDefaultExceptionHandler = false });
}
catch (ArgumentException refused) when (refused.ParamName?.StartsWith("--", StringComparison.Ordinal) == true)
{
    // An option a benchmark's checks refused (they name it as the parameter): the message says what to give instead,
    // and a stack trace would only bury it. Any other exception is a fault and keeps its stack trace.
    Console.Error.WriteLine(refused.Message.ReplaceLineEndings(" "));
    return 2;
}
