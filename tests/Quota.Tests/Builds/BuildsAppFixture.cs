using Orbit.Quota.Tests.Integration;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The app with the orchestration runtime on its own task hub, tuned for tests: short build timeout, quick
/// lease retries, a sweeper every 2 s that re-drives after 5 s, and 10 s message leases so a killed
/// instance's messages come back soon.
/// </summary>
public class BuildsAppFixture : FunctionAppFixture
{
    public const int BuildTimeoutSeconds = 20;

    public string HubName { get; } = $"builds{Guid.NewGuid():N}"[..14];

    protected override bool RegistrySendsEvents => false;

    protected override string ReconcileSchedule => "0 0 0 1 1 *";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Orchestrations__HubName"] = HubName,
        ["Orchestrations__StuckAfter"] = "00:00:05",
        ["Orchestrations__SweepSchedule"] = "*/2 * * * * *",
        ["Builds__Timeout"] = $"00:00:{BuildTimeoutSeconds}",
        ["Builds__CleanupLeaseRetryInterval"] = "00:00:00.200",
        ["AzureFunctionsJobHost__extensions__queues__leaseDuration"] = "00:00:10",
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
    };
}

[CollectionDefinition(Name)]
public sealed class BuildsAppCollection : ICollectionFixture<BuildsAppFixture>
{
    public const string Name = "BuildsApp";
}
