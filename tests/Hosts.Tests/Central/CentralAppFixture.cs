using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Orbit.Hosts.Central;
using Orbit.Hosts.Reports;
using Orbit.Testing;

namespace Orbit.Hosts.Tests.Central;

/// <summary>
/// Azurite and the function app as a process, shared by every Central test class. Each test takes hosts of its own
/// from a pool whose secrets the app was started with, so tests never see each other's rows.
/// </summary>
public sealed class CentralAppFixture : IAsyncLifetime
{
    public const string FunctionKey = "function-key-for-central-tests";
    public const string MasterKey = "master-key-for-central-tests";
    private const int PooledHosts = 24;

    private readonly ConcurrentQueue<(string HostId, string Secret)> hosts = new();
    private readonly Dictionary<string, string?> settings = [];
    private AzuriteServer? azurite;
    private FunctionHostProcess? app;

    public AzuriteServer Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public FunctionHostProcess App => app ?? throw new InvalidOperationException("Not started.");

    public string UsageTableName { get; } = TestNames.Table("hostusage");

    public string EventsTableName { get; } = TestNames.Table("hostevents");

    public string SignatureTableName { get; } = TestNames.Table("hostsigs");

    /// <summary>A host the app has no secret for.</summary>
    public string HostWithoutSecret { get; } = TestNames.HostId("nosecret");

    /// <summary>A host configured with a secret shorter than 16 characters, which must count as none.</summary>
    public (string HostId, string Secret) HostWithShortSecret { get; } = (TestNames.HostId("short"), "too-short");

    /// <summary>A host whose secret setting is a Key Vault reference App Service left unresolved: its text, which must count as none.</summary>
    public (string HostId, string Secret) HostWithUnresolvedReference { get; } =
        (TestNames.HostId("kvref"), "@Microsoft.KeyVault(SecretUri=https://kv-orbit-abc123.vault.azure.net/secrets/host-report-kvref)");

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        settings["AzureWebJobsStorage"] = Azurite.ConnectionString;
        settings["AzureFunctionsWebHost__hostid"] = TestNames.HostId("central");
        // Required to start; these tests never reach a registry.
        settings["Registry__Url"] = "http://127.0.0.1:9/";
        settings["Quota__ReconcileSchedule"] = "0 0 0 1 1 *";
        settings["Keys__Master"] = MasterKey;
        settings["Keys__Function__default"] = FunctionKey;
        settings["Hosts__UsageTable"] = UsageTableName;
        settings["Hosts__EventsTable"] = EventsTableName;
        settings["Hosts__SignatureTable"] = SignatureTableName;
        settings[$"Hosts__Secrets__{HostWithShortSecret.HostId}"] = HostWithShortSecret.Secret;
        settings[$"Hosts__Secrets__{HostWithUnresolvedReference.HostId}"] = HostWithUnresolvedReference.Secret;
        for (var index = 0; index < PooledHosts; index++)
        {
            var host = (TestNames.HostId("build"), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
            settings[$"Hosts__Secrets__{host.Item1}"] = host.Item2;
            hosts.Enqueue(host);
        }

        app = await StartInstanceAsync(nameof(CentralAppFixture));
    }

    /// <summary>Another instance of the app on the same storage and settings; the caller disposes it.</summary>
    public async Task<FunctionHostProcess> StartInstanceAsync(string name)
    {
        var started = await FunctionHostProcess.StartAsync(name, AppPaths.FunctionsScriptRoot, FunctionApp.With(settings));
        started.Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        return started;
    }

    public async Task DisposeAsync()
    {
        foreach (var component in new IAsyncDisposable?[] { app, azurite })
        {
            if (component is not null)
            {
                await component.DisposeAsync();
            }
        }
    }

    /// <summary>A host of the pool with its secret, for one test alone.</summary>
    public (string HostId, string Secret) NewHost() =>
        hosts.TryDequeue(out var host) ? host : throw new InvalidOperationException($"More than {PooledHosts} hosts taken; enlarge the pool.");

    public static string Json(HostReport report) => JsonSerializer.Serialize(report, HostReportJson.Options);

    public static string Sign(string secret, long unixSeconds, string body) =>
        ReportSignature.Format(ReportSignature.Compute(secret, unixSeconds, Encoding.UTF8.GetBytes(body)));

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Posts a report as the agent does: signed now with the host's secret, unless told otherwise.</summary>
    public Task<HttpResponseMessage> PostReportAsync(
        string hostId, string secret, string body, long? unixSeconds = null, string? signature = null, string contentType = "application/json") =>
        PostSignedAsync(hostId, body, (unixSeconds ?? Now()).ToString(CultureInfo.InvariantCulture), signature ?? Sign(secret, unixSeconds ?? Now(), body), contentType);

    /// <summary>Posts exactly these headers and body.</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(
        string hostId, string body, string? timestamp, string? signature, string contentType = "application/json", FunctionHostProcess? instance = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/hosts/{hostId}/reports")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        if (timestamp is not null)
        {
            request.Headers.Add(ReportHeaders.Timestamp, timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add(ReportHeaders.Signature, signature);
        }

        return await (instance ?? App).Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PutQuotaAsync(string hostId, string user, string json, string? key = MasterKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/hosts/{hostId}/users/{user}/quota")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", key ?? string.Empty);
        return await App.Http.SendAsync(request);
    }

    /// <summary>
    /// Every row of the host in the three tables, with its ETag: equal snapshots mean nothing was written, not even a
    /// rewrite of the same values.
    /// </summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync(string hostId)
    {
        var rows = new List<string>();
        foreach (var table in new[] { UsageTableName, EventsTableName, SignatureTableName })
        {
            var client = new TableClient(Azurite.ConnectionString, table);
            await client.CreateIfNotExistsAsync();
            await foreach (var row in client.QueryAsync<TableEntity>(entity => entity.PartitionKey == hostId))
            {
                var values = string.Join(",", row.Keys.Where(key => key != "odata.etag").Order(StringComparer.Ordinal).Select(key => $"{key}={row[key]}"));
                rows.Add($"{table}/{row.RowKey} {row.ETag} {values}");
            }
        }

        return rows;
    }

    public async Task<IReadOnlyList<TableEntity>> EventsAsync(string hostId)
    {
        var client = new TableClient(Azurite.ConnectionString, EventsTableName);
        await client.CreateIfNotExistsAsync();
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(entity => entity.PartitionKey == hostId))
        {
            rows.Add(row);
        }

        return rows;
    }
}

[CollectionDefinition(Name)]
public sealed class CentralAppCollection : ICollectionFixture<CentralAppFixture>
{
    public const string Name = "CentralApp";
}
