using Orbit.Quota.Cleanup;
using Orbit.Quota.History;

namespace Orbit.Functions.Dashboard;

/// <summary>One cleanup as its history keeps it: the build, when, usage before and after, and each deletion with its reason.</summary>
public static class CleanupDetails
{
    /// <param name="headingLevel">The level of the section's heading, under the page's own headings (2 to 6).</param>
    public static Html Render(CleanupRecord record, int headingLevel)
    {
        var deletions = record.Deletions.Select(deletion => Html.Of($"""
            <tr><th scope="row"><code>{deletion.Repository.Value}:{string.Join(", ", deletion.Tags.Select(tag => tag.Value))}</code></th><td><code title="{deletion.Digest.Value}">{WorkspacePage.Short(deletion.Digest.Value)}</code></td><td>{deletion.Result}</td><td class="number">{ByteSize.Format(deletion.FreedBytes)}</td><td>{deletion.Reason}{(deletion.Detail.Length > 0 ? Html.Of($" ({deletion.Detail})") : Html.Empty)}</td></tr>
            """));
        return Html.Of($"""
            <section class="cleanup" aria-labelledby="cleanup-{record.BuildId}">
            <h{headingLevel} id="cleanup-{record.BuildId}">{DashboardLayout.Time(record.At)}: build <a href="/api/builds/{Uri.EscapeDataString(record.BuildId)}">{record.BuildId}</a></h{headingLevel}>
            <p>{record.Outcome}. Before {ByteSize.Format(record.UsedBytesBefore)} ({UsagePercent.Format(record.UsedBytesBefore, record.QuotaBytes)}), freed {ByteSize.Format(record.FreedBytes)}, after {ByteSize.Format(record.UsedBytesAfter)} ({UsagePercent.Format(record.UsedBytesAfter, record.QuotaBytes)}) of {ByteSize.Format(record.QuotaBytes)}.{(record.WaitedFor is { } waited ? Html.Of($" Waited for {waited}.") : Html.Empty)}{(record.Error is { } error ? Html.Of($" Error: {error}") : Html.Empty)}</p>
            {DashboardLayout.Table($"Deletions of build {record.BuildId}", Html.Of($"""<th scope="col">Image</th><th scope="col">Digest</th><th scope="col">Result</th><th scope="col" class="number">Freed</th><th scope="col">Reason</th>"""), deletions, "This cleanup deleted nothing.")}
            </section>
            """);
    }
}
