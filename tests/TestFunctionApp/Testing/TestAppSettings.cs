using Orbit.Testing;

namespace Orbit.TestFunctionApp.Testing;

/// <summary>
/// The settings one run of the test app needs, as an operator sets them in the environment: storage, the instance's
/// name (written beside what its functions record), and the names its triggers resolve (<c>%RecordQueue%</c>, the
/// schedules), each unique to the run unless given, so runs on one Azurite never see each other's messages, locks or
/// task hub. Timers are far away unless a test schedules them.
/// </summary>
public static class TestAppSettings
{
    public const string ResultsTable = "ResultsTable";
    public const string RecordQueue = "RecordQueue";
    public const string FailQueue = "FailQueue";
    public const string TickSchedule = "TickSchedule";
    public const string FailingTickSchedule = "FailingTickSchedule";
    public const string HubName = "AzureFunctionsJobHost__extensions__durableTask__hubName";
    public const string HostId = "AzureFunctionsWebHost__hostid";

    private const string NeverThisYear = "0 0 0 1 1 *";

    public static Dictionary<string, string?> For(AzuriteServer azurite, string instance, IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TestInstance"] = instance,
            [HostId] = TestNames.HostId("app"),
            [HubName] = Hub(),
            [ResultsTable] = TestNames.Table("results"),
            [RecordQueue] = TestNames.Queue("record"),
            [FailQueue] = TestNames.Queue("fail"),
            [TickSchedule] = NeverThisYear,
            [FailingTickSchedule] = NeverThisYear,
            ["StartupTickSchedule"] = NeverThisYear,
        };
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }

        return all;
    }

    /// <summary>A task hub of its own (Durable wants letters and digits only).</summary>
    public static string Hub() => TestNames.Table("hub");
}
