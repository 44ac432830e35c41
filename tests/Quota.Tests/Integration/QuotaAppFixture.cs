namespace Orbit.Quota.Tests.Integration;

/// <summary>An app that tracks only what the tests ask it to: no registry events, reconcile out of the way.</summary>
public sealed class QuotaAppFixture : FunctionAppFixture
{
    protected override bool RegistrySendsEvents => false;

    protected override string ReconcileSchedule => "0 0 0 1 1 *";
}

[CollectionDefinition(Name)]
public sealed class QuotaAppCollection : ICollectionFixture<QuotaAppFixture>
{
    public const string Name = "QuotaApp";
}
