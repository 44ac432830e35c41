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
            <p class="note">The newest {view.Cleanups.Count} of the cleanups kept; the history keeps each workspace's newest {view.CleanupsKept} cleanups and up to {CleanupRecord.MaxDeletions} deletions of each.</p>
            {Html.Join(view.Cleanups.Select(Cleanup))}
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

    private static Html Cleanup(CleanupRecord record)
    {
        var deletions = record.Deletions.Select(deletion => Html.Of($"""
            <tr><th scope="row"><code>{deletion.Repository.Value}:{string.Join(", ", deletion.Tags.Select(tag => tag.Value))}</code></th><td><code title="{deletion.Digest.Value}">{Short(deletion.Digest.Value)}</code></td><td>{deletion.Result}</td><td class="number">{ByteSize.Format(deletion.FreedBytes)}</td><td>{deletion.Reason}{(deletion.Detail.Length > 0 ? Html.Of($" ({deletion.Detail})") : Html.Empty)}</td></tr>
            """));
        return Html.Of($"""
            <section class="cleanup" aria-labelledby="cleanup-{record.BuildId}">
            <h3 id="cleanup-{record.BuildId}">{DashboardLayout.Time(record.At)}: build <a href="/api/builds/{Uri.EscapeDataString(record.BuildId)}">{record.BuildId}</a></h3>
            <p>{record.Outcome}. Before {ByteSize.Format(record.UsedBytesBefore)} ({UsagePercent.Format(record.UsedBytesBefore, record.QuotaBytes)}), freed {ByteSize.Format(record.FreedBytes)}, after {ByteSize.Format(record.UsedBytesAfter)} ({UsagePercent.Format(record.UsedBytesAfter, record.QuotaBytes)}) of {ByteSize.Format(record.QuotaBytes)}.{(record.WaitedFor is { } waited ? Html.Of($" Waited for {waited}.") : Html.Empty)}{(record.Error is { } error ? Html.Of($" Error: {error}") : Html.Empty)}</p>
            {DashboardLayout.Table($"Deletions of build {record.BuildId}", Html.Of($"""<th scope="col">Image</th><th scope="col">Digest</th><th scope="col">Result</th><th scope="col" class="number">Freed</th><th scope="col">Reason</th>"""), deletions, "This cleanup deleted nothing.")}
            </section>
            """);
    }

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;
}
