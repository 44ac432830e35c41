using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Repositories;

/// <summary>
/// The tenants' repositories, <c>&lt;Tenants:RepositoryPrefix&gt;/…</c>: they belong to tenants, so no workspace API,
/// build or reconcile ever tracks, plans or deletes anything in them, and no workspace may take the id that would own
/// them by convention (the prefix's first segment).
/// </summary>
public sealed record TenantRepositories
{
    /// <summary>The tenants' default prefix, as the tenants feature has it (<c>Tenants:RepositoryPrefix</c>).</summary>
    public const string DefaultPrefix = "tenants";

    public TenantRepositories(string prefix)
    {
        Prefix = prefix.Trim('/');
        if (Prefix.Length == 0)
        {
            throw new ArgumentException("The tenant repository prefix is empty: every repository would be a tenant's.", nameof(prefix));
        }
    }

    /// <summary>Without a trailing '/'.</summary>
    public string Prefix { get; }

    public bool Contains(RepositoryName repository) => repository.Value.StartsWith(Prefix + "/", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="workspace"/> is the id that would own the tenant repositories by convention.</summary>
    public bool ReservesWorkspaceId(WorkspaceId workspace) => string.Equals(Prefix.Split('/')[0], workspace.Value, StringComparison.Ordinal);
}
