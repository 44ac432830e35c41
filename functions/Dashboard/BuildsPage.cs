using Orbit.Functions.Builds;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Dashboard;

/// <summary>Running and recent builds, newest first: phase, cleanup progress, and a link to each one's status document.</summary>
public static class BuildsPage
{
    public static Html Render(IReadOnlyList<BuildRow> builds, TimeSpan recent, bool more)
    {
        var rows = builds.Select(build => Html.Of($"""
            <tr><th scope="row"><a href="/api/builds/{Uri.EscapeDataString(build.Id)}">{build.Id}</a></th><td>{build.RuntimeStatus}</td><td>{Phase(build.Status?.Phase)}</td><td>{(build.Input is { } input ? Html.Of($"{input.WorkspaceId?.Value} / {input.AppId}") : Html.Empty)}</td><td><code>{(build.Input is { Repository: not null, Tag: not null } image ? $"{image.Repository.Value}:{image.Tag.Value}" : string.Empty)}</code></td><td>{Progress(build.Status)}</td><td>{DashboardLayout.Time(build.CreatedAt)}</td><td>{DashboardLayout.Time(build.LastUpdatedAt)}</td></tr>
            """));
        var table = DashboardLayout.Table(
            "Builds, newest first",
            Html.Of($"""<th scope="col">Build (status document)</th><th scope="col">Runtime status</th><th scope="col">Phase</th><th scope="col">Workspace / app</th><th scope="col">Image</th><th scope="col">Cleanup</th><th scope="col">Started</th><th scope="col">Last update</th>"""),
            rows,
            "No build started in this period.");
        return DashboardLayout.Page("Builds", DashboardLayout.Home + "/builds", Html.Of($"""
            <p>Builds started in the last {recent.TotalHours} hours, newest first. Each links to its status document (<code>GET /api/builds/{"{id}"}</code>, with a function key).{(more ? Html.Of($" {builds.Count} are shown: every running one, then the newest finished.") : Html.Empty)}</p>
            {table}
            """));
    }

    /// <summary>The phase in words: "ready-to-build" means the build system may build and the service waits for its push.</summary>
    public static Html Phase(string? phase) => phase switch
    {
        null => Html.Empty,
        BuildStatus.ReadyToBuild => Html.Of($"<strong>{phase}</strong>: waiting for the push"),
        BuildStatus.WaitingForCleanup => Html.Of($"{phase}: another build's cleanup holds the workspace"),
        _ => Html.Of($"{phase}"),
    };

    private static Html Progress(BuildStatus? status) =>
        status?.Progress is { } progress ? Html.Of($"{progress.Finished} of {progress.Planned} images, {progress.Deleted} deleted, {ByteSize.Format(progress.FreedBytes)} freed")
        : status?.Cleanup is { } totals ? Html.Of($"{totals.Outcome}: {totals.Deleted} deleted, {ByteSize.Format(totals.FreedBytes)} freed")
        : Html.Of($"none");
}
