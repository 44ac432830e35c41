using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Repositories;

/// <summary>
/// One owner per repository, decided without I/O:
/// <list type="bullet">
/// <item>A tenant repository (<see cref="TenantRepositories"/>) has no workspace owner, ever.</item>
/// <item>Otherwise an admin's explicit mapping decides; without one, the convention <c>&lt;workspace&gt;/…/&lt;app&gt;</c>
/// (first path segment the workspace, last the app).</item>
/// <item>A workspace tracks, builds on, plans and deletes only the repositories it owns, under the owner's app.</item>
/// <item>A mapping never moves a repository another workspace owns, and never changes the app of tracked images.</item>
/// <item>No workspace may take the id that would own the tenant repositories by convention.</item>
/// </list>
/// Each refusal names its rule (the constants below) and says what to do instead.
/// </summary>
public static class OwnershipRules
{
    public const string TenantRepository = "tenant-repository";
    public const string RepositoryOutsideWorkspace = "repository-outside-workspace";
    public const string RepositoryOfAnotherWorkspace = "repository-of-another-workspace";
    public const string AppOfRepository = "app-of-repository";
    public const string RepositoryHasTrackedImages = "repository-has-tracked-images";
    public const string ReservedWorkspaceId = "reserved-workspace-id";
    public const string NoMapping = "no-mapping";

    /// <summary>The convention's owner: the first path segment is the workspace, the last the app; null when it cannot place the repository.</summary>
    public static RepositoryOwner? ByConvention(RepositoryName repository)
    {
        var segments = repository.Value.Split('/');
        return segments.Length >= 2 && WorkspaceId.TryParse(segments[0], out var workspace) && RepositoryOwner.IsValidAppId(segments[^1])
            ? new RepositoryOwner(workspace, segments[^1])
            : null;
    }

    /// <summary>Who owns <paramref name="repository"/>: nobody when it is a tenant's; else the admin's <paramref name="mapping"/>; else the convention.</summary>
    public static RepositoryOwner? Resolve(RepositoryName repository, RepositoryOwner? mapping, TenantRepositories tenants) =>
        tenants.Contains(repository) ? null : mapping ?? ByConvention(repository);

    /// <summary>Whether <paramref name="workspace"/> may touch the images of <paramref name="repository"/> (delete, plan), whose owner is <paramref name="owner"/>.</summary>
    public static OwnershipRefusal? CheckOwned(WorkspaceId workspace, RepositoryName repository, RepositoryOwner? owner, TenantRepositories tenants)
    {
        if (tenants.Contains(repository))
        {
            return new OwnershipRefusal(403, TenantRepository,
                $"{repository} is a tenant repository ({tenants.Prefix}/…): it belongs to its tenant and is never tracked, planned or deleted through a workspace.");
        }

        if (owner?.WorkspaceId == workspace)
        {
            return null;
        }

        if (owner is { Mapped: true })
        {
            return new OwnershipRefusal(403, RepositoryOfAnotherWorkspace,
                $"{repository} belongs to workspace {owner.WorkspaceId} by an admin's mapping; a repository has one owner, and workspace {workspace} may use only its own.");
        }

        var conventionOwner = owner is null ? string.Empty : $" (by convention it is workspace {owner.WorkspaceId}'s)";
        return new OwnershipRefusal(403, RepositoryOutsideWorkspace,
            $"{repository} is not under {workspace}/{conventionOwner} and no admin has mapped it to {workspace}: a workspace may use only repositories under its id, or ones an admin maps to it (PUT /api/internal/repository-owners/{repository}).");
    }

    /// <summary>Whether <paramref name="workspace"/> may track images of <paramref name="repository"/> as app <paramref name="appId"/> (tracks, builds).</summary>
    public static OwnershipRefusal? CheckTrack(WorkspaceId workspace, string appId, RepositoryName repository, RepositoryOwner? owner, TenantRepositories tenants)
    {
        if (CheckOwned(workspace, repository, owner, tenants) is { } refusal)
        {
            return refusal;
        }

        return owner!.AppId == appId
            ? null
            : new OwnershipRefusal(409, AppOfRepository,
                $"{repository} is app {owner.AppId} of workspace {workspace} {owner.Source}{(owner.Mapped ? string.Empty : " (its last path segment)")}: track it with appId {owner.AppId}, or have an admin map it to app {appId} first.");
    }

    /// <summary>Whether an admin may map <paramref name="repository"/> to <paramref name="requested"/>.</summary>
    /// <param name="mapping">The repository's current mapping, if any.</param>
    /// <param name="conventionOwnerExists">Whether the workspace that owns it by convention exists (has a quota).</param>
    /// <param name="imagesOfOtherApps">How many images of the repository <paramref name="requested"/>'s workspace tracks under another app.</param>
    public static OwnershipRefusal? CheckMapping(
        RepositoryName repository, RepositoryOwner requested, RepositoryOwner? mapping, bool conventionOwnerExists, int imagesOfOtherApps, TenantRepositories tenants)
    {
        if (tenants.Contains(repository))
        {
            return new OwnershipRefusal(403, TenantRepository, $"{repository} is a tenant repository ({tenants.Prefix}/…): it belongs to its tenant and is never mapped to a workspace.");
        }

        if (mapping is not null && mapping.WorkspaceId != requested.WorkspaceId)
        {
            return new OwnershipRefusal(409, RepositoryOfAnotherWorkspace,
                $"{repository} is mapped to workspace {mapping.WorkspaceId}; a repository has one owner and is never moved silently: delete that mapping first (DELETE /api/internal/repository-owners/{repository}), which is possible once {mapping.WorkspaceId} tracks none of its images.");
        }

        if (mapping is null && conventionOwnerExists && ByConvention(repository) is { } owner && owner.WorkspaceId != requested.WorkspaceId)
        {
            return new OwnershipRefusal(409, RepositoryOfAnotherWorkspace,
                $"{repository} belongs to workspace {owner.WorkspaceId} by convention (its first path segment); a repository has one owner, and a mapping never moves one another workspace owns.");
        }

        return imagesOfOtherApps == 0
            ? null
            : new OwnershipRefusal(409, RepositoryHasTrackedImages,
                $"Workspace {requested.WorkspaceId} tracks {imagesOfOtherApps} image{(imagesOfOtherApps == 1 ? string.Empty : "s")} of {repository} under another app; its cleanup counts each app's tags apart, so the app does not change under them: delete those images first, or map it to their app.");
    }

    /// <summary>Whether an admin may delete the mapping of <paramref name="repository"/>, which would leave it to the convention.</summary>
    /// <param name="trackedImages">How many images of the repository the mapped workspace tracks.</param>
    public static OwnershipRefusal? CheckUnmapping(RepositoryName repository, RepositoryOwner? mapping, int trackedImages)
    {
        if (mapping is null)
        {
            return new OwnershipRefusal(404, NoMapping, $"{repository} has no admin mapping; its owner, if any, follows the convention.");
        }

        return trackedImages == 0 || ByConvention(repository) == mapping with { Mapped = false }
            ? null
            : new OwnershipRefusal(409, RepositoryHasTrackedImages,
                $"Workspace {mapping.WorkspaceId} tracks {trackedImages} image{(trackedImages == 1 ? string.Empty : "s")} of {repository}; without the mapping they would belong to no workspace or another one: delete them first.");
    }

    /// <summary>Whether <paramref name="workspace"/> may exist: not the id that would own the tenant repositories by convention.</summary>
    public static OwnershipRefusal? CheckWorkspaceId(WorkspaceId workspace, TenantRepositories tenants) =>
        tenants.ReservesWorkspaceId(workspace)
            ? new OwnershipRefusal(400, ReservedWorkspaceId,
                $"'{workspace}' is reserved: by the <workspace>/… convention it would own the tenant repositories ({tenants.Prefix}/…), which belong to tenants. Choose another workspace id.")
            : null;
}
