using Orbit.Testing;

namespace Orbit.TestFunctionApp.Testing;

/// <summary>
/// The settings one run of the test app needs, as an operator sets them in the environment: storage, the instance's
/// name (written beside what its functions record), and the names its triggers resolve (<c>%RecordQueue%</c>,
/// <c>%NoOpQueue%</c>, the schedules), each unique to the run unless given, so runs on one Azurite never see each other's messages, locks or
/// task hub. Timers run once a year unless a test schedules them.
/// </summary>
public static class TestAppSettings
{
    public const string ResultsTable = "ResultsTable";
    public const string RecordQueue = "RecordQueue";
    public const string FailQueue = "FailQueue";
    public const string NoOpQueue = "NoOpQueue";
    public const string TickSchedule = "TickSchedule";
    public const string FailingTickSchedule = "FailingTickSchedule";
    public const string HubName = "AzureFunctionsJobHost__extensions__durableTask__hubName";
    public const string HostId = "AzureFunctionsWebHost__hostid";

    /// <summary>The control queues of the app's task hub (host.json's durableTask.storageProvider.partitionCount).</summary>
    public const int PartitionCount = 4;

    private const string OnceAYear = "0 0 0 1 1 *";

    public static Dictionary<string, string?> For(AzuriteServer azurite, string instance, IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TestInstance"] = instance,
            [HostId] = TestNames.HostId("app"),
            // Durable takes task hub names of letters and digits only.
            [HubName] = TestNames.Table("hub"),
            [ResultsTable] = TestNames.Table("results"),
            [RecordQueue] = TestNames.Queue("record"),
            [FailQueue] = TestNames.Queue("fail"),
            [NoOpQueue] = TestNames.Queue("noop"),
            [TickSchedule] = OnceAYear,
            [FailingTickSchedule] = OnceAYear,
            ["StartupTickSchedule"] = OnceAYear,
        };
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }

        return all;
    }
}
