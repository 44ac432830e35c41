using Orbit.Quota.Cleanup;
using Orbit.Quota.History;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// A workspace: its banner, its images by app (size, unique bytes, push time, and what the next cleanup would do with
/// each: the dry-run preview), and its cleanup history, each deletion with its reason.
/// </summary>
public static class WorkspacePage
{
    public static string PathOf(WorkspaceId id) => $"{DashboardLayout.Home}/workspaces/{id.Value}";

    public static Html Render(WorkspaceView view)
    {
        var usage = view.Usage;
        var banner = QuotaBanner.For(usage) is { } shown ? DashboardLayout.Banner(shown) : Html.Empty;
        return DashboardLayout.Page($"Workspace {usage.Id.Value}", DashboardLayout.Home, Html.Of($"""
            {banner}
            <p>{WorkspacesPage.Meter(usage)} Using {ByteSize.Format(usage.UsedBytes)} of {ByteSize.Format(usage.Policy.QuotaBytes)} ({QuotaBanner.PercentText(usage.Percentage)}%): {DashboardLayout.Level(usage.Level.ToString())}. {usage.ImageCount} images. Warning from {usage.Policy.WarnPercent} %, cleanup before a build from {usage.Policy.TriggerPercent} % down to {usage.Policy.TargetPercent} %, critical from {usage.Policy.CriticalPercent} %.</p>
            <h2 id="images">Images</h2>
            <p>Next cleanup (dry run, nothing deleted): {view.Preview.Reason}.</p>
            {Images(view)}
            <h2 id="history">Cleanup history</h2>
            <p class="note">The newest {view.Cleanups.Count} of the cleanups kept, each with a page of its deletions and their reasons; the history keeps each workspace's newest {view.CleanupsKept} cleanups and up to {CleanupRecord.MaxDeletions} deletions of each.</p>
            {History(view)}
            {(view.Newest is { } newest ? CleanupDetails.Render(newest, 3) : Html.Empty)}
            """));
    }

    private static Html Images(WorkspaceView view)
    {
        var deletions = view.Preview.Deletions.ToDictionary(deletion => (deletion.Repository, deletion.Digest));
        var kept = view.Preview.Kept.GroupBy(image => (image.Repository, image.Digest)).ToDictionary(group => group.Key, group => group.First());
        var rows = view.Images.Images
            .OrderBy(image => image.AppId, StringComparer.Ordinal).ThenBy(image => image.PushedAt)
            .Select(image => Html.Of($"""
                <tr><td>{image.AppId}</td><th scope="row"><code>{image.Repository.Value}:{image.Tag.Value}</code></th><td><code title="{image.Digest.Value}">{Short(image.Digest.Value)}</code></td><td class="number">{ByteSize.Format(image.SizeBytes)}</td><td class="number">{ByteSize.Format(image.UniqueBytes)}</td><td>{DashboardLayout.Time(image.PushedAt)}</td><td>{NextCleanup(image, deletions, kept)}</td></tr>
                """));
        var next = view.Images.ContinuationToken is { } token
            ? Html.Of($"""<nav class="pager" aria-label="Image pages"><a href="{PathOf(view.Usage.Id)}">First page</a><a href="{PathOf(view.Usage.Id)}?images={Uri.EscapeDataString(token)}#images" rel="next">Next page of images</a></nav>""")
            : Html.Empty;
        return Html.Of($"""
            {DashboardLayout.Table("Images by app, oldest push first", Html.Of($"""<th scope="col">App</th><th scope="col">Image</th><th scope="col">Digest</th><th scope="col" class="number">Size</th><th scope="col" class="number">Unique</th><th scope="col">Pushed</th><th scope="col">Next cleanup</th>"""), rows, "No images are tracked in this workspace.")}
            {next}
            """);
    }

    private static Html NextCleanup(
        ImageSummary image,
        IReadOnlyDictionary<(Orbit.Registry.References.RepositoryName, Orbit.Registry.References.Digest), PlannedDeletion> deletions,
        IReadOnlyDictionary<(Orbit.Registry.References.RepositoryName, Orbit.Registry.References.Digest), KeptImage> kept) =>
        deletions.TryGetValue((image.Repository, image.Digest), out var deletion) ? Html.Of($"""<strong>Would delete</strong> (pass {deletion.Pass}): {deletion.Reason}""")
        : kept.TryGetValue((image.Repository, image.Digest), out var keep) ? Html.Of($"""Keeps: {keep.Explanation}""")
        : Html.Of($"Keeps");

    private static Html History(WorkspaceView view) => DashboardLayout.Table(
        "Cleanups, newest first",
        Html.Of($"""<th scope="col">When</th><th scope="col">Build (status document)</th><th scope="col">Outcome</th><th scope="col" class="number">Before</th><th scope="col" class="number">Freed</th><th scope="col" class="number">After</th><th scope="col">Deletions</th>"""),
        view.Cleanups.Select(cleanup => Html.Of($"""
            <tr><th scope="row">{DashboardLayout.Time(cleanup.At)}</th><td><a href="/api/builds/{Uri.EscapeDataString(cleanup.BuildId)}">{cleanup.BuildId}</a></td><td>{cleanup.Outcome}</td><td class="number">{ByteSize.Format(cleanup.UsedBytesBefore)} ({UsagePercent.Format(cleanup.UsedBytesBefore, cleanup.QuotaBytes)})</td><td class="number">{ByteSize.Format(cleanup.FreedBytes)}</td><td class="number">{ByteSize.Format(cleanup.UsedBytesAfter)} ({UsagePercent.Format(cleanup.UsedBytesAfter, cleanup.QuotaBytes)})</td><td><a href="{CleanupPage.PathOf(view.Usage.Id, cleanup.BuildId)}">{(cleanup.Deletions == 0 ? "none" : string.Join(", ", cleanup.Results.Select(result => $"{result.Value} {result.Key}")))}<span class="visually-hidden"> in build {cleanup.BuildId}: each with its reason</span></a></td></tr>
            """)),
        "No cleanup has run in this workspace.");

    public static string Short(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;
}
