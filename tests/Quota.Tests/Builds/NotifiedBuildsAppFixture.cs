namespace Orbit.Quota.Tests.Builds;

/// <summary>The builds app with the registry posting its push and delete events to it, as <c>scripts/run</c> sets it up: a cleanup's deletions then race the registry's own delete events.</summary>
public sealed class NotifiedBuildsAppFixture : BuildsAppFixture
{
    protected override bool RegistrySendsEvents => true;
}

[CollectionDefinition(Name)]
public sealed class NotifiedBuildsAppCollection : ICollectionFixture<NotifiedBuildsAppFixture>
{
    public const string Name = "NotifiedBuildsApp";
}
