namespace Orbit.Quota.Tests.Integration;

/// <summary>An app whose registry posts its push and delete events to <c>/api/registry/events</c>.</summary>
public sealed class EventsAppFixture : FunctionAppFixture
{
    protected override bool RegistrySendsEvents => true;

    protected override string ReconcileSchedule => "0 0 0 1 1 *";
}

[CollectionDefinition(Name)]
public sealed class EventsAppCollection : ICollectionFixture<EventsAppFixture>
{
    public const string Name = "EventsApp";
}
