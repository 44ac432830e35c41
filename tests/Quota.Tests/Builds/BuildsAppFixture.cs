using Orbit.Quota.Tests.Integration;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// The app on a task hub of its own, tuned for tests: short build timeout, quick cleanup-lease retries, and
/// the shortest visibility the Durable extension allows (1 min) for the task hub's messages, so those a killed
/// instance held come back soon.
/// </summary>
public class BuildsAppFixture : FunctionAppFixture
{
    public const int BuildTimeoutSeconds = 20;

    public string HubName { get; } = $"builds{Guid.NewGuid():N}"[..14];

    protected override bool RegistrySendsEvents => false;

    protected override string ReconcileSchedule => "0 0 0 1 1 *";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = HubName,
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:01:00",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:01:00",
        ["Builds__Timeout"] = $"00:00:{BuildTimeoutSeconds}",
        ["Builds__CleanupLeaseRetryInterval"] = "00:00:00.200",
    };
}

[CollectionDefinition(Name)]
public sealed class BuildsAppCollection : ICollectionFixture<BuildsAppFixture>
{
    public const string Name = "BuildsApp";
}
