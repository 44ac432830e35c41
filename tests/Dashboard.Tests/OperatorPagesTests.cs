using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Orbit.Hosts.Central;
using Orbit.Hosts.Reports;
using Orbit.Hosts.Usage;
using Orbit.Testing;

namespace Orbit.Dashboard.Tests;

/// <summary>The pages an operator reads, in the browser, after the service did real work: a cleanup, a build, a host report.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class OperatorPagesTests(DashboardAppFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task After_a_real_cleanup_the_workspace_page_lists_each_deletion_with_its_reason()
    {
        var (workspace, repository) = await TrackedWorkspaceAsync(tags: 6, percent: 85);
        var build = await StartBuildAsync(workspace, repository, "2.0");
        var ready = await WaitForPhaseAsync(build, "ready-to-build");
        var deletions = ready.GetProperty("cleanup").GetProperty("deletions").EnumerateArray().ToList();
        Assert.NotEmpty(deletions);

        var page = await fixture.SignedInPageAsync();
        try
        {
            await page.GotoAsync($"/api/dashboard/workspaces/{workspace}");
            var history = page.Locator($"section.cleanup:has(a[href='/api/builds/{build}'])");
            Assert.Equal(1, await history.CountAsync());
            var rows = history.Locator("tbody tr");
            Assert.Equal(deletions.Count, await rows.CountAsync());
            foreach (var deletion in deletions)
            {
                var tags = string.Join(", ", deletion.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
                var row = rows.Filter(new() { HasText = $"{deletion.GetProperty("repository").GetString()}:{tags}" });
                Assert.Equal(1, await row.CountAsync());
                var text = await row.InnerTextAsync();
                Assert.Contains(deletion.GetProperty("reason").GetString()!, text);
                Assert.Contains(deletion.GetProperty("result").GetString()!, text);
            }

            // The images that stay are listed with what the next cleanup would do with them.
            Assert.True(await page.Locator("#images ~ div table tbody tr").CountAsync() > 0);
            await DashboardAppFixture.ScreenshotAsync(page, "workspace-after-cleanup");

            // The history lists the cleanup in a line, which links to its own page: the same deletions with their reasons.
            var line = page.Locator("#history ~ div table tbody tr").Filter(new() { Has = page.Locator($"a[href='/api/builds/{build}']") });
            var results = deletions.GroupBy(deletion => deletion.GetProperty("result").GetString()!).OrderBy(group => group.Key, StringComparer.Ordinal);
            Assert.Contains(string.Join(", ", results.Select(group => $"{group.Count()} {group.Key}")), await line.InnerTextAsync());
            await line.Locator($"a[href='/api/dashboard/workspaces/{workspace}/cleanups/{build}']").ClickAsync();
            Assert.EndsWith($"/api/dashboard/workspaces/{workspace}/cleanups/{build}", page.Url);
            var own = page.Locator("section.cleanup tbody tr");
            Assert.Equal(deletions.Count, await own.CountAsync());
            Assert.All(await own.AllInnerTextsAsync(), text => Assert.Contains(deletions, deletion => text.Contains(deletion.GetProperty("reason").GetString()!, StringComparison.Ordinal)));
            await DashboardAppFixture.ScreenshotAsync(page, "cleanup");

            // A cleanup the history does not keep is not found; a build id that is no id is refused before anything is read.
            Assert.Equal(404, (await page.GotoAsync($"/api/dashboard/workspaces/{workspace}/cleanups/no-such-build"))!.Status);
            Assert.Equal(400, (await page.GotoAsync($"/api/dashboard/workspaces/{workspace}/cleanups/%3Cb%3Ebuild"))!.Status);
            Assert.DoesNotContain("<b>build", await page.ContentAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_builds_page_shows_a_build_waiting_for_its_push_with_a_link_to_its_status_document()
    {
        var (workspace, repository) = await TrackedWorkspaceAsync(tags: 2, percent: 40);
        var build = await StartBuildAsync(workspace, repository, "3.0");
        await WaitForPhaseAsync(build, "ready-to-build");

        var page = await fixture.SignedInPageAsync();
        try
        {
            await page.GotoAsync("/api/dashboard/builds");
            var row = page.Locator("tbody tr").Filter(new() { Has = page.Locator($"a[href='/api/builds/{build}']") });
            Assert.Equal(1, await row.CountAsync());
            var text = await row.InnerTextAsync();
            Assert.Contains("ready-to-build: waiting for the push", text);
            Assert.Contains($"{workspace} / api", text);
            Assert.Contains($"{repository}:3.0", text);
            await DashboardAppFixture.ScreenshotAsync(page, "builds");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_hosts_page_shows_a_user_over_the_warn_level_in_words_with_the_hosts_bar_and_last_report()
    {
        const long Limit = 1L << 30;
        var reportedAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        HostReportUser[] users =
        [
            new("alice", 900L << 20, 100L << 20, 800L << 20, 2, 3, Limit),
            new("bob", 100L << 20, 60L << 20, 40L << 20, 1, 1, Limit),
        ];
        var usage = HostUsageCalculator.Calculate(
            users.ToDictionary(user => user.User, user => user.ContainerBytes), users.ToDictionary(user => user.User, user => user.LayerBytes), 300L << 20,
            users.ToDictionary(user => user.User, user => user.LimitBytes!.Value), 4L << 30);
        var report = new HostReport(
            fixture.DockerHost.HostId, $"cycle-{Guid.NewGuid():N}", reportedAt, false, users, 300L << 20,
            new HostReportTotals(usage.TrackedUsage, usage.UnattributedUsage, usage.Used, usage.Total, usage.Free, usage.Percent), [], 4L << 30);
        var body = JsonSerializer.Serialize(report, HostReportJson.Options);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/api/hosts/{fixture.DockerHost.HostId}/reports") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        post.Headers.Add(ReportHeaders.Timestamp, now.ToString(CultureInfo.InvariantCulture));
        post.Headers.Add(ReportHeaders.Signature, ReportSignature.Format(ReportSignature.Compute(fixture.DockerHost.Secret, now, Encoding.UTF8.GetBytes(body))));
        using var stored = await fixture.App.Http.SendAsync(post);
        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());

        var page = await fixture.SignedInPageAsync();
        try
        {
            await page.GotoAsync("/api/dashboard/hosts");
            var host = page.Locator($"section:has(h2:text-is('{fixture.DockerHost.HostId}'))");
            Assert.Equal("over the warn level", await host.Locator("tbody tr:has(th:text-is('alice')) td").Last.InnerTextAsync());
            Assert.Equal("within the limit", await host.Locator("tbody tr:has(th:text-is('bob')) td").Last.InnerTextAsync());
            Assert.Contains(reportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), await host.InnerTextAsync());
            Assert.Equal("Tracked 1000 MiB, other 300 MiB, free 2.7 GiB of 4 GiB", await host.Locator(".bar").GetAttributeAsync("aria-label"));
            await DashboardAppFixture.ScreenshotAsync(page, "hosts");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_home_page_lists_the_fullest_workspace_first_under_its_banner_and_reads_at_200_percent_zoom_by_keyboard()
    {
        var fullest = await fixture.WorkspaceAtAsync(99L << 30, 100L << 30);
        var page = await fixture.SignedInPageAsync();
        try
        {
            var first = page.Locator("tbody tr").First;
            Assert.Equal(fullest, await first.Locator("th a").InnerTextAsync());
            Assert.Contains("Critical", await first.InnerTextAsync());
            Assert.Equal("Registry Almost Full", await page.Locator(".orbit-quota-banner-title").InnerTextAsync());
            Assert.Equal("Using 99 GiB of 100 GiB (99%). The fullest workspace is " + fullest, (await page.Locator(".orbit-quota-banner-description").InnerTextAsync()).Split(';')[0]);
            await DashboardAppFixture.ScreenshotAsync(page, "workspaces");

            // The first Tab reaches the skip link, the next ones the navigation.
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Workspaces", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

            // 200 % zoom of a 1280-pixel window is a 640-pixel viewport: the page does not scroll sideways.
            await page.SetViewportSizeAsync(640, 900);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_tenants_page_lists_active_and_deleted_tenants_with_the_digest_pinned_at_the_last_deploy()
    {
        var active = $"t{Guid.NewGuid():N}"[..12];
        var deleted = $"t{Guid.NewGuid():N}"[..12];
        var (key, repository, reference) = await CreateTenantAsync(active);
        await CreateTenantAsync(deleted);
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/tenants/{deleted}"))
        {
            delete.Headers.Add("x-functions-key", DashboardAppFixture.MasterKey);
            using var response = await fixture.App.Http.SendAsync(delete);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        using var pusher = new RegistryImagePusher(fixture.Registry.Url);
        var image = await pusher.PushImageAsync(repository, reference[(reference.LastIndexOf(':') + 1)..], [RegistryImagePusher.Layer(Random.Shared.Next(), 4096)]);
        using var deploy = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{active}/deploy") { Content = JsonContent.Create(new { image = reference }) };
        deploy.Headers.Add("x-tenant-key", key);
        using var deployed = await fixture.App.Http.SendAsync(deploy);
        Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());

        var page = await fixture.SignedInPageAsync();
        try
        {
            await page.GotoAsync("/api/dashboard/tenants");
            var activeRow = await page.Locator($"tbody tr:has(th:text-is('{active}'))").InnerTextAsync();
            Assert.Contains("Active", activeRow);
            Assert.Contains(image.Digest, activeRow);
            var deletedRow = await page.Locator($"tbody tr:has(th:text-is('{deleted}'))").InnerTextAsync();
            Assert.Contains("Deleted", deletedRow);
            Assert.Contains("never deployed", deletedRow);
            await DashboardAppFixture.ScreenshotAsync(page, "tenants");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Creates the tenant with the master key: its key, repository and the image reference it deploys.</summary>
    private async Task<(string Key, string Repository, string Image)> CreateTenantAsync(string tenant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { id = tenant }) };
        request.Headers.Add("x-functions-key", DashboardAppFixture.MasterKey);
        using var response = await fixture.App.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var created = JsonDocument.Parse(text).RootElement;
        return (created.GetProperty("key").GetString()!, created.GetProperty("repository").GetString()!, created.GetProperty("image").GetString()!);
    }

    /// <summary>A workspace with one app's images pushed to the registry and tracked, oldest first, and its quota set so usage is at <paramref name="percent"/>.</summary>
    private async Task<(string Workspace, string Repository)> TrackedWorkspaceAsync(int tags, double percent)
    {
        var workspace = DashboardAppFixture.NewWorkspace();
        var repository = $"{workspace}/api";
        await fixture.SetQuotaAsync(workspace, 1L << 40);
        using var pusher = new RegistryImagePusher(fixture.Registry.Url);
        var seed = Random.Shared.Next(1_000_000);
        var baseLayer = RegistryImagePusher.Layer(seed, 32 * 1024);
        for (var tag = 1; tag <= tags; tag++)
        {
            await pusher.PushImageAsync(repository, $"1.{tag}", [baseLayer, RegistryImagePusher.Layer(seed + tag, 24 * 1024)]);
            using var tracked = await fixture.App.Http.PostAsJsonAsync("/api/internal/registry-images", new { workspaceId = workspace, appId = "api", repository, tag = $"1.{tag}" });
            Assert.True(tracked.IsSuccessStatusCode, await tracked.Content.ReadAsStringAsync());
        }

        var used = (await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/internal/workspaces/{workspace}/registry-usage")).GetProperty("currentBytes").GetInt64();
        await fixture.SetQuotaAsync(workspace, (long)Math.Ceiling(used / (percent / 100)));
        return (workspace, repository);
    }

    private async Task<string> StartBuildAsync(string workspace, string repository, string tag)
    {
        using var response = await fixture.App.Http.PostAsJsonAsync("/api/builds", new { workspaceId = workspace, appId = "api", repository, tag, registry = "managed" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private Task<JsonElement> WaitForPhaseAsync(string build, string phase) =>
        Eventually.ReturnsAsync(
            async () => JsonDocument.Parse(await fixture.App.Http.GetStringAsync($"/api/builds/{build}")).RootElement.Clone(),
            status => status.TryGetProperty("phase", out var current) && current.GetString() == phase,
            Patience,
            $"build {build} to reach {phase}");
}
