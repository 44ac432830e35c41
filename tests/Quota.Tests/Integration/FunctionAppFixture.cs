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
    public const string HostKey = "host-key-for-quota-tests";

    /// <summary>A key of the registry events function alone, as the registry's notifications carry it.</summary>
    public const string RegistryEventsKey = "registry-events-key-for-quota-tests";

    private AzuriteServer? azurite;
    private RegistryServer? registry;
    private FunctionHostProcess? app;
    private readonly string hostId = TestNames.HostId("quota");

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public RegistryServer Registry => registry ?? throw new InvalidOperationException("Not started.");

    public FunctionHostProcess App => app ?? throw new InvalidOperationException("Not started.");

    public string UsageTableName { get; } = TestNames.Table("usage");

    public TableClient UsageTable => new(Azurite.ConnectionString, UsageTableName);

    /// <summary>Whether the registry posts its events to <c>/api/registry/events</c>.</summary>
    protected abstract bool RegistrySendsEvents { get; }

    /// <summary>The reconcile timer's schedule.</summary>
    protected abstract string ReconcileSchedule { get; }

    /// <summary>Settings of this fixture's app beyond the common ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        var port = FreePort.Next();
        registry = await RegistryServer.StartAsync(RegistrySendsEvents ? new RegistryNotifications(new Uri($"http://127.0.0.1:{port}/api/registry/events"), FunctionKey) : null);
        app = await StartAppAsync(GetType().Name, port);
    }

    /// <summary>Another instance of the app on the same storage and registry (the fixture's own app is started this way too).</summary>
    public async Task<FunctionHostProcess> StartAppAsync(string name, int? port = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["AzureFunctionsWebHost__hostid"] = hostId,
            ["Registry__Url"] = Registry.Url.ToString(),
            ["Keys__Master"] = MasterKey,
            ["Keys__Function__default"] = FunctionKey,
            ["Keys__Host__ci"] = HostKey,
            ["Keys__Functions__RegistryEvents__registry"] = RegistryEventsKey,
            ["Quota__UsageTable"] = UsageTableName,
            ["Quota__ReconcileSchedule"] = ReconcileSchedule,
        };
        foreach (var (key, value) in ExtraSettings.Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        var started = await FunctionHostProcess.StartAsync(name, AppPaths.FunctionsScriptRoot, FunctionApp.With(settings), port: port);
        started.Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        return started;
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

    /// <summary>
    /// Every row of the usage table (or of one workspace's partition) with its ETag, sorted: equal snapshots mean nothing
    /// was written, not even a rewrite of the same values.
    /// </summary>
    public async Task<List<string>> SnapshotRowsAsync(string? workspace = null)
    {
        var rows = new List<string>();
        var filter = workspace is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {workspace}");
        await foreach (var row in UsageTable.QueryAsync<TableEntity>(filter))
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey}@{row.ETag}");
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>A request with the given key instead of the function key the app's client sends on every request.</summary>
    public async Task<HttpResponseMessage> SendWithKeyAsync(HttpMethod method, string path, string? json, string key)
    {
        using var client = new HttpClient { BaseAddress = App.Http.BaseAddress };
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", key);
        return await client.SendAsync(request);
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
