using Orbit.Quota.Cleanup;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// The home page: one row per workspace, fullest first, with its usage bar, percentage, quota and level, a page at a
/// time; the fullest workspace's banner above them when any workspace is at its warn level.
/// </summary>
public static class WorkspacesPage
{
    /// <summary>Fullest first; ties by id, so pages are stable.</summary>
    public static IReadOnlyList<WorkspaceUsage> Sorted(IEnumerable<WorkspaceUsage> workspaces) =>
        workspaces.OrderByDescending(usage => usage.Percentage).ThenBy(usage => usage.Id.Value, StringComparer.Ordinal).ToList();

    public static Html Render(IReadOnlyList<WorkspaceUsage> sorted, int page, int perPage)
    {
        var pages = Math.Max(1, (sorted.Count + perPage - 1) / perPage);
        page = Math.Clamp(page, 1, pages);
        var warned = sorted.Count(usage => usage.Level != UsageLevel.Ok);
        var banner = sorted.Count > 0 && QuotaBanner.For(sorted[0]) is { } fullest
            ? DashboardLayout.Banner(fullest, Html.Of($""" The fullest workspace is <a href="{WorkspacePage.PathOf(sorted[0].Id)}">{sorted[0].Id.Value}</a>; {warned} of {sorted.Count} workspaces are at their warn level or above."""))
            : Html.Empty;
        var rows = sorted.Skip((page - 1) * perPage).Take(perPage).Select(Row);
        var table = DashboardLayout.Table(
            "Workspaces, fullest first",
            Html.Of($"""<th scope="col">Workspace</th><th scope="col">Usage</th><th scope="col" class="number">Percent</th><th scope="col" class="number">Used</th><th scope="col" class="number">Quota</th><th scope="col">Level</th><th scope="col" class="number">Images</th>"""),
            rows,
            "No workspace has a quota yet: PUT /api/internal/workspaces/{id}/quota creates one.");
        return DashboardLayout.Page("Workspaces", DashboardLayout.Home, Html.Of($"""
            {banner}
            <p>{sorted.Count} workspaces, fullest first. Page {page} of {pages}.</p>
            {table}
            {Pager(page, pages)}
            """));
    }

    /// <summary>A usage meter with the same figure as text beside it; the meter's own colours follow the thresholds.</summary>
    // A meter counts a value past low or high, not at it, while the levels begin at their percentages; the usage's
    // percentage has two decimals, so boundaries half a hundredth lower colour 70 % as a warning and 90 % as critical.
    public static Html Meter(WorkspaceUsage usage) => Html.Of($"""<meter min="0" max="100" low="{usage.Policy.WarnPercent - 0.005}" high="{usage.Policy.CriticalPercent - 0.005}" optimum="0" value="{Math.Min(usage.Percentage, 100)}" aria-label="{usage.Id.Value}: {QuotaBanner.PercentText(usage.Percentage)}% of the quota">{QuotaBanner.PercentText(usage.Percentage)}%</meter>""");

    private static Html Row(WorkspaceUsage usage) => Html.Of($"""
        <tr><th scope="row"><a href="{WorkspacePage.PathOf(usage.Id)}">{usage.Id.Value}</a></th><td>{Meter(usage)}</td><td class="number">{QuotaBanner.PercentText(usage.Percentage)}%</td><td class="number">{ByteSize.Format(usage.UsedBytes)}</td><td class="number">{ByteSize.Format(usage.Policy.QuotaBytes)}</td><td>{DashboardLayout.Level(usage.Level.ToString())}</td><td class="number">{usage.ImageCount}</td></tr>
        """);

    private static Html Pager(int page, int pages) => pages == 1 ? Html.Empty : Html.Of($"""
        <nav class="pager" aria-label="Pages">{(page > 1 ? Html.Of($"""<a href="{DashboardLayout.Home}?page={page - 1}" rel="prev">Previous page</a>""") : Html.Empty)}{(page < pages ? Html.Of($"""<a href="{DashboardLayout.Home}?page={page + 1}" rel="next">Next page</a>""") : Html.Empty)}</nav>
        """);
}
