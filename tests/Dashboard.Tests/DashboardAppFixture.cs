using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Playwright;
using Orbit.Testing;

namespace Orbit.Dashboard.Tests;

/// <summary>
/// One app on the local host with real Azurite and the CNCF registry, and one headless Debian chromium driven by
/// Playwright, shared by the dashboard's test classes. Every process is stopped and the browser closed on dispose,
/// whether the tests passed or not. Chromium missing is a failure, never a skip: <c>scripts/install</c> installs it.
/// </summary>
public sealed class DashboardAppFixture : IAsyncLifetime
{
    public const string MasterKey = "master-key-for-dashboard-tests-5f1c";
    public const string FunctionKey = "function-key-for-dashboard-tests-9d2e";
    public const string HostKey = "host-key-for-dashboard-tests-41aa";
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run"];

    private AzuriteServer? azurite;
    private RegistryServer? registry;
    private FunctionHostProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public RegistryServer Registry => registry ?? throw new InvalidOperationException("Not started.");

    public FunctionHostProcess App => app ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    public string UsageTableName { get; } = TestNames.Table("dashusage");

    public string HostUsageTableName { get; } = TestNames.Table("dashhosts");

    public string KeyContainer { get; } = $"dashboard-keys-{Guid.NewGuid():N}"[..30];

    /// <summary>A Docker host the app holds a report secret for.</summary>
    public (string HostId, string Secret) DockerHost { get; } = (TestNames.HostId("dash"), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));

    /// <summary>Where screenshots go: the test results folder scripts/test gives dotnet test.</summary>
    public static string ScreenshotDirectory => Path.Combine(RepositoryPaths.Root, ".orbit", "test-results", "dashboard");

    public TableClient UsageTable => new(Azurite.ConnectionString, UsageTableName);

    public Uri BaseAddress => App.Http.BaseAddress!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: scripts/install installs Debian's chromium (apt-get install chromium); the dashboard's browser tests need it.");
        }

        azurite = await AzuriteServer.StartAsync();
        registry = await RegistryServer.StartAsync();
        app = await StartAppAsync(nameof(DashboardAppFixture));
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Args = ChromiumArguments, Headless = true });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>An instance of the app on this fixture's storage and registry; <paramref name="overrides"/> changes settings.</summary>
    public async Task<FunctionHostProcess> StartAppAsync(string name, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("dashboard"),
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = HubName,
            ["Registry__Url"] = Registry.Url.ToString(),
            ["Keys__Master"] = MasterKey,
            ["Keys__Function__default"] = FunctionKey,
            ["Keys__Host__ci"] = HostKey,
            ["Quota__UsageTable"] = UsageTableName,
            ["Quota__ReconcileSchedule"] = "0 0 0 1 1 *",
            ["Hosts__UsageTable"] = HostUsageTableName,
            [$"Hosts__Secrets__{DockerHost.HostId}"] = DockerHost.Secret,
            ["Dashboard__AdminKeySha256"] = AdminKeySha256(MasterKey),
            ["Dashboard__KeyContainer"] = KeyContainer,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var started = await FunctionHostProcess.StartAsync(name, AppPaths.FunctionsScriptRoot, FunctionApp.With(settings));
        started.Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        return started;
    }

    public string HubName { get; } = $"dash{Guid.NewGuid():N}"[..14];

    public static string AdminKeySha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task DisposeAsync()
    {
        try
        {
            if (browser is not null)
            {
                await browser.CloseAsync();
            }
        }
        finally
        {
            playwright?.Dispose();
            foreach (var component in new IAsyncDisposable?[] { app, registry, azurite })
            {
                if (component is not null)
                {
                    await component.DisposeAsync();
                }
            }
        }
    }

    /// <summary>A browser page signed in through the form, as an operator signs in.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/api/dashboard");
        Assert.EndsWith("/api/dashboard/sign-in", page.Url);
        await page.GetByLabel("Admin key").FillAsync(MasterKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Polls the page's address rather than waiting for a navigation event: WaitForURLAsync timed out once in a while
            // in full runs with the page already on /api/dashboard and showing it (a navigation that committed between its
            // look at the address and its wait for the next one).
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/api/dashboard$"), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException timeout)
        {
            // Say where the browser ended up and what the app said.
            var output = App.Output;
            throw new InvalidOperationException(
                $"The sign-in did not reach /api/dashboard: the page is {page.Url}, reading \"{await page.InnerTextAsync("body")}\". The app's last output:\n{output[Math.Max(0, output.Length - 4000)..]}",
                timeout);
        }

        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public static string NewWorkspace() => $"ws-{Guid.NewGuid():N}"[..15];

    public async Task SetQuotaAsync(string workspace, long quotaBytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/internal/workspaces/{workspace}/quota") { Content = JsonContent.Create(new { quotaBytes }) };
        request.Headers.Add("x-functions-key", MasterKey);
        using var response = await App.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A workspace whose aggregate says <paramref name="usedBytes"/> of <paramref name="quotaBytes"/>: created through the
    /// API, its usage written into its aggregate row as the accounting would leave it, without pushing gigabytes.
    /// </summary>
    public async Task<string> WorkspaceAtAsync(long usedBytes, long quotaBytes)
    {
        var workspace = NewWorkspace();
        await SetQuotaAsync(workspace, quotaBytes);
        var row = (await UsageTable.GetEntityAsync<TableEntity>(workspace, "workspace")).Value;
        row["UsedBytes"] = usedBytes;
        row["ImageCount"] = 3;
        await UsageTable.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        return workspace;
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardAppCollection : ICollectionFixture<DashboardAppFixture>
{
    public const string Name = "DashboardApp";
}
