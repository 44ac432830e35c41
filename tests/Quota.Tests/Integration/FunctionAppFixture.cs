using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Integration;

/// <summary>
/// Azurite, the CNCF registry and the function app itself as a process. Subclasses choose whether the
/// registry sends its events to the app and how often the reconcile timer runs.
/// </summary>
public abstract class FunctionAppFixture : IAsyncLifetime
{
    public const string FunctionKey = "function-key-for-quota-tests";
    public const string MasterKey = "master-key-for-quota-tests";

    private AzuriteServer? azurite;
    private RegistryServer? registry;
    private FunctionHostProcess? app;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public RegistryServer Registry => registry ?? throw new InvalidOperationException("Not started.");

    public FunctionHostProcess App => app ?? throw new InvalidOperationException("Not started.");

    public string UsageTableName { get; } = TestNames.Table("usage");

    public TableClient UsageTable => new(Azurite.ConnectionString, UsageTableName);

    /// <summary>Whether the registry posts its events to <c>/api/registry/events</c>.</summary>
    protected abstract bool RegistrySendsEvents { get; }

    /// <summary>The reconcile timer's schedule.</summary>
    protected abstract string ReconcileSchedule { get; }

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        var port = FreePort.Next();
        registry = await RegistryServer.StartAsync(RegistrySendsEvents ? new RegistryNotifications(new Uri($"http://127.0.0.1:{port}/api/registry/events"), FunctionKey) : null);
        app = await FunctionHostProcess.StartAsync(GetType().Name, Path.Combine(AppContext.BaseDirectory, "Orbit.Functions.dll"), new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("quota"),
            ["Registry__Url"] = registry.Url.ToString(),
            ["Keys__Master"] = MasterKey,
            ["Keys__Function__default"] = FunctionKey,
            ["Quota__UsageTable"] = UsageTableName,
            ["Quota__ReconcileSchedule"] = ReconcileSchedule,
        }, port: port);
        app.Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }

    public async Task DisposeAsync()
    {
        foreach (var component in new IAsyncDisposable?[] { app, registry, azurite })
        {
            if (component is not null)
            {
                await component.DisposeAsync();
            }
        }
    }

    public static string NewWorkspace() => $"ws-{Guid.NewGuid():N}"[..15];

    public RegistryImagePusher Pusher() => new(Registry.Url);

    public async Task CreateWorkspaceAsync(string workspace, long quotaBytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/internal/workspaces/{workspace}/quota") { Content = JsonContent.Create(new { quotaBytes }) };
        request.Headers.Add("x-functions-key", MasterKey);
        using var response = await App.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public Task<HttpResponseMessage> TrackAsync(string workspace, string app, string repository, string tag) =>
        App.Http.PostAsJsonAsync("/api/internal/registry-images", new { workspaceId = workspace, appId = app, repository, tag });

    public async Task<UsageBody> UsageAsync(string workspace) =>
        (await App.Http.GetFromJsonAsync<UsageBody>($"/api/internal/workspaces/{workspace}/registry-usage"))!;

    /// <summary>The API id of a tracked tag, as the image listing gives it.</summary>
    public async Task<string> ImageIdOfAsync(string workspace, string tag)
    {
        var page = await App.Http.GetFromJsonAsync<JsonElement>($"/api/internal/workspaces/{workspace}/registry-images?pageSize=1000");
        return page.GetProperty("images").EnumerateArray().Single(image => image.GetProperty("tag").GetString() == tag).GetProperty("id").GetString()!;
    }

    /// <summary>The aggregate recomputed from the rows: bytes over the blob rows and the number of image rows.</summary>
    public async Task<(long Bytes, int Images)> RecountAsync(string workspace)
    {
        long bytes = 0;
        var images = 0;
        await foreach (var row in UsageTable.QueryAsync<TableEntity>(entity => entity.PartitionKey == workspace))
        {
            if (row.RowKey.StartsWith("blob|", StringComparison.Ordinal))
            {
                bytes += row.GetInt64("Size") ?? 0;
            }
            else if (row.RowKey.StartsWith("image|", StringComparison.Ordinal))
            {
                images++;
            }
        }

        return (bytes, images);
    }

    public sealed record UsageBody(string WorkspaceId, long CurrentBytes, long QuotaBytes, double Percentage, string Level, int ImageCount);
}
