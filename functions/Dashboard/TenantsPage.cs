using Orbit.Tenants.Storage;

namespace Orbit.Functions.Dashboard;

/// <summary>Tenants, active first then deleted: their repository and the digest pinned at their last deploy.</summary>
public static class TenantsPage
{
    public static Html Render(IReadOnlyList<ListedTenant> tenants)
    {
        var rows = tenants
            .OrderBy(listed => listed.Tenant.IsActive ? 0 : 1).ThenBy(listed => listed.Tenant.Id.Value, StringComparer.Ordinal)
            .Select(listed => Html.Of($"""
                <tr><th scope="row">{listed.Tenant.Id.Value}</th><td>{(listed.Tenant.IsActive ? "Active" : "Deleted")}</td><td><code>{listed.Tenant.Repository.Value}</code></td><td>{DashboardLayout.Time(listed.Tenant.CreatedAt)}</td><td>{(listed.Tenant.DeletedAt is { } deleted ? DashboardLayout.Time(deleted) : Html.Empty)}</td><td>{(listed.LastDeploy is { } pin ? Html.Of($"""<code>{pin.Pinned}</code> (asked for <code>{pin.Image}</code>)""") : Html.Of($"never deployed"))}</td><td>{(listed.LastDeploy is { } at ? DashboardLayout.Time(at.DeployedAt) : Html.Empty)}</td></tr>
                """));
        var active = tenants.Count(listed => listed.Tenant.IsActive);
        return DashboardLayout.Page("Tenants", DashboardLayout.Home + "/tenants", Html.Of($"""
            <p>{active} active, {tenants.Count - active} deleted.</p>
            {DashboardLayout.Table("Tenants", Html.Of($"""<th scope="col">Tenant</th><th scope="col">State</th><th scope="col">Repository</th><th scope="col">Created</th><th scope="col">Deleted</th><th scope="col">Pinned at the last deploy</th><th scope="col">Deployed</th>"""), rows, "No tenants yet.")}
            """));
    }
}
