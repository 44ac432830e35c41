namespace Orbit.Quota.Tests.Integration;

/// <summary>An app whose registry posts its push and delete events to <c>/api/registry/events</c>.</summary>
public sealed class EventsAppFixture : FunctionAppFixture
{
    protected override bool RegistrySendsEvents => true;

    protected override string ReconcileSchedule => "0 0 0 1 1 *";
}

/// <summary>
/// Run after the assembly's parallel collections, alone: its tests hold the service to a time (250 pushes tracked within
/// 10 s of the last), and Distribution posts events one at a time, so on two cores the builds and cleanups of the other
/// collections would measure themselves instead.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EventsAppCollection : ICollectionFixture<EventsAppFixture>
{
    public const string Name = "EventsApp";
}
