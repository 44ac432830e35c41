using System.Net;
using Microsoft.Playwright;

namespace Orbit.Dashboard.Tests;

/// <summary>The seed's banner on a workspace's page and in the embeddable fragment, at the four edges of its levels.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class QuotaBannerPageTests(DashboardAppFixture fixture)
{
    private const long Quota = 10L << 30;

    [Theory]
    [InlineData(69.9, null, null)]
    [InlineData(70, "Registry Usage Warning", "Using 7 GiB of 10 GiB (70%).")]
    [InlineData(89.9, "Registry Usage Warning", "Using 9 GiB of 10 GiB (89.9%).")]
    [InlineData(90, "Registry Almost Full", "Using 9 GiB of 10 GiB (90%).")]
    public async Task A_workspace_page_shows_the_seeds_banner_from_70_percent_and_the_alert_from_90(double percent, string? title, string? description)
    {
        var workspace = await fixture.WorkspaceAtAsync(UsedAt(percent), Quota);
        var page = await fixture.SignedInPageAsync();
        try
        {
            await page.GotoAsync($"/api/dashboard/workspaces/{workspace}");
            var banner = page.Locator(".orbit-quota-banner");
            if (title is null)
            {
                Assert.Equal(0, await banner.CountAsync());
                Assert.Contains($"({percent}%)", await page.Locator("main").InnerTextAsync());
                return;
            }

            Assert.Equal(title, await banner.Locator(".orbit-quota-banner-title").InnerTextAsync());
            Assert.Equal(description, await banner.Locator(".orbit-quota-banner-description").InnerTextAsync());
            // The level is in words and in the role, not only in the colour.
            Assert.Equal(percent >= 90 ? "alert" : "status", await banner.GetAttributeAsync("role"));
            await DashboardAppFixture.ScreenshotAsync(page, $"workspace-banner-{percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(69.9, null, null)]
    [InlineData(70, "Registry Usage Warning", "Using 7 GiB of 10 GiB (70%).")]
    [InlineData(89.9, "Registry Usage Warning", "Using 9 GiB of 10 GiB (89.9%).")]
    [InlineData(90, "Registry Almost Full", "Using 9 GiB of 10 GiB (90%).")]
    public async Task The_fragment_included_in_a_plain_page_renders_the_banner_styled_by_the_portals_custom_properties_and_nothing_below_70(double percent, string? title, string? description)
    {
        var workspace = await fixture.WorkspaceAtAsync(UsedAt(percent), Quota);
        using var response = await fixture.App.Http.GetAsync($"/api/internal/workspaces/{workspace}/registry-quota-warning");
        var fragment = await response.Content.ReadAsStringAsync();
        if (title is null)
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(string.Empty, fragment);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        var context = await fixture.Browser.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.SetContentAsync($"""
                <!DOCTYPE html><html lang="en"><head><title>Portal</title>
                <style>:root {"{"} --orbit-banner-border: rgb(1, 2, 3); --orbit-banner-destructive-border: rgb(4, 5, 6); {"}"}</style></head>
                <body><h1>Team portal</h1>{fragment}<p id="after">Workspace content</p></body></html>
                """);
            var banner = page.Locator(".orbit-quota-banner");
            if (title is null)
            {
                Assert.Equal(0, await banner.CountAsync());
                Assert.Equal(["H1", "P"], await page.Locator("body > *").EvaluateAllAsync<string[]>("elements => elements.map(element => element.tagName)"));
                return;
            }

            Assert.True(await banner.IsVisibleAsync());
            Assert.Equal(title, await banner.Locator(".orbit-quota-banner-title").InnerTextAsync());
            Assert.Equal(description, await banner.Locator(".orbit-quota-banner-description").InnerTextAsync());
            var border = await banner.EvaluateAsync<string>("element => getComputedStyle(element).borderTopColor");
            Assert.Equal(percent >= 90 ? "rgb(4, 5, 6)" : "rgb(1, 2, 3)", border);
            if (percent is 70 or 90)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, $"fragment-in-portal-{percent}.png") });
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_fragment_needs_a_function_key_and_refuses_a_malformed_or_unknown_workspace()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var noKey = await anonymous.GetAsync($"/api/internal/workspaces/{DashboardAppFixture.NewWorkspace()}/registry-quota-warning");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var malformed = await fixture.App.Http.GetAsync("/api/internal/workspaces/Not_A_Workspace/registry-quota-warning");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'Not_A_Workspace' is not a workspace id", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownWorkspace = DashboardAppFixture.NewWorkspace();
        using var unknown = await fixture.App.Http.GetAsync($"/api/internal/workspaces/{unknownWorkspace}/registry-quota-warning");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"Workspace '{unknownWorkspace}' has no quota yet", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The bytes at <paramref name="percent"/> of the quota, to the nearest byte.</summary>
    private static long UsedAt(double percent) => (long)Math.Round(Quota * (decimal)percent / 100, MidpointRounding.AwayFromZero);
}
