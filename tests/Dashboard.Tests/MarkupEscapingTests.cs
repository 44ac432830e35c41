using Orbit.Functions.Dashboard;
using Orbit.Quota.Cleanup;
using Orbit.Quota.History;
using Orbit.Quota.Usage;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Dashboard.Tests;

/// <summary>
/// Text that reaches a page from outside (a registry's error, a build system's reason) is shown as text: rendered by
/// the real page code and loaded into chromium, it runs nothing and adds no element.
/// </summary>
[Collection(DashboardAppCollection.Name)]
public sealed class MarkupEscapingTests(DashboardAppFixture fixture)
{
    private const string Payload = "<img src=x onerror=\"document.title='owned'\"><script>document.title='owned'</script>";

    [Fact]
    public async Task Markup_in_a_deletions_reason_detail_and_error_is_shown_as_text_and_runs_nothing()
    {
        var workspace = WorkspaceId.TryParse("team-a", out var id) ? id : throw new InvalidOperationException();
        var digest = Digest.Parse("sha256:" + new string('a', 64));
        var record = new CleanupRecord(
            workspace, "build-1", DateTimeOffset.UnixEpoch, "deleted", 100, 90, 10, 80,
            [new RecordedDeletion(RepositoryName.Parse("team-a/api"), digest, [Tag.Parse("1.0")], "Deleted", 10, Payload, Payload)],
            [Payload], null, Payload);
        var usage = new WorkspaceUsage(workspace, new QuotaPolicy(100), 90, 1);
        var plan = CleanupPlanner.Plan([], usage);
        var workspacePage = WorkspacePage.Render(new WorkspaceView(usage, new ImagePage([], null), plan, [CleanupRecordSummary.Of(record)], record, 100));
        var cleanupPage = CleanupPage.Render(record);

        var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = true });
        try
        {
            var page = await context.NewPageAsync();
            foreach (var (html, title) in new[] { (workspacePage, "Workspace team-a"), (cleanupPage, "Cleanup of workspace team-a") })
            {
                await page.SetContentAsync(html.Value);
                Assert.Equal($"{title} · Orbit dashboard", await page.TitleAsync());
                Assert.Equal(0, await page.Locator("img").CountAsync());
                Assert.Equal(0, await page.Locator("script").CountAsync());
                Assert.Contains(Payload, await page.Locator("section.cleanup").InnerTextAsync());
            }

            // The build log, on the cleanup's own page, is text too.
            Assert.Contains(Payload, await page.Locator("details pre").TextContentAsync());
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
