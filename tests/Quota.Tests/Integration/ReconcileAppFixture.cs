namespace Orbit.Quota.Tests.Integration;

/// <summary>An app whose registry sends no events, so only the reconcile timer (every 2 s here) can notice changes made behind its back.</summary>
public sealed class ReconcileAppFixture : FunctionAppFixture
{
    protected override bool RegistrySendsEvents => false;

    protected override string ReconcileSchedule => "*/2 * * * * *";
}

[CollectionDefinition(Name)]
public sealed class ReconcileAppCollection : ICollectionFixture<ReconcileAppFixture>
{
    public const string Name = "ReconcileApp";
}
