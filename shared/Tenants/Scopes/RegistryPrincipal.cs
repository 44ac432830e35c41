namespace Orbit.Tenants.Scopes;

/// <summary>Who asked for a registry token (the JWT <c>sub</c>) and everything they may do.</summary>
public sealed record RegistryPrincipal(string Subject, IReadOnlyList<RepositoryPermission> Repositories, bool MayListCatalog)
{
    public static readonly IReadOnlySet<string> PullPush = new HashSet<string>(StringComparer.Ordinal) { "pull", "push" };
    public static readonly IReadOnlySet<string> PullPushDelete = new HashSet<string>(StringComparer.Ordinal) { "pull", "push", "delete" };
}
