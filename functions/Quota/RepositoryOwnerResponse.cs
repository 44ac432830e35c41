using Orbit.Quota.Repositories;
using Orbit.Registry.References;

namespace Orbit.Functions.Quota;

/// <summary>Who owns a repository, as the internal API returns it; <c>source</c> is <c>mapping</c> (an admin's) or <c>convention</c>.</summary>
public sealed record RepositoryOwnerResponse(string Repository, string WorkspaceId, string AppId, string Source)
{
    public static RepositoryOwnerResponse From(RepositoryName repository, RepositoryOwner owner) =>
        new(repository.Value, owner.WorkspaceId.Value, owner.AppId, owner.Mapped ? "mapping" : "convention");
}
