using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Orbit.Benchmarks.RegistryUsage;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;
using Orbit.Testing;

namespace Orbit.Benchmarks.Dashboard;

/// <summary>
/// Response time of the dashboard's pages on loopback, one signed-in client, one request at a time: the home page over
/// <c>workspaces</c> workspaces; the page of a workspace of <c>images</c> images above its cleanup trigger (so the
/// dry-run preview plans over every record) with its history full of the largest records it keeps, once as it was when
/// last shown and once right after a change to the workspace (its row rewritten before each request, untimed, as every
/// change rewrites it); the page of another workspace of <c>images</c> images below its trigger; and, as the baseline from
/// the same run, the one-row usage API. They are interleaved request by request, so noise falls on all alike; the summary
/// gives p50 and p99 and their ratio to the baseline.
/// </summary>
internal sealed class DashboardPagesBenchmark(int workspaces, int images, int requests, IReadOnlyDictionary<string, string?> appSettings, TextWriter output)
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(11);
    private const int HistoryKept = 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var masterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var functionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var usageTable = TestNames.Table("dashbench");
        var historyTable = TestNames.Table("dashhistory");
        await using var azurite = await AzuriteServer.StartAsync();
        await using var registry = await RegistryServer.StartAsync();
        var table = new TableClient(azurite.ConnectionString, usageTable);
        await table.CreateIfNotExistsAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        var large = "large-workspace";
        await new WorkspaceSeeder(table, output).SeedAsync(large, images, 1L << 40, cancellationToken);
        var used = (await table.GetEntityAsync<TableEntity>(large, "workspace", cancellationToken: cancellationToken)).Value.GetInt64("UsedBytes")!.Value;
        var row = (await table.GetEntityAsync<TableEntity>(large, "workspace", cancellationToken: cancellationToken)).Value;
        row["QuotaBytes"] = (long)(used / 0.85);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        var quiet = "quiet-workspace";
        var quietUsed = (await new WorkspaceSeeder(table, output).SeedAsync(quiet, images, 1L << 40, cancellationToken)).UsedBytes;
        var quietRow = (await table.GetEntityAsync<TableEntity>(quiet, "workspace", cancellationToken: cancellationToken)).Value;
        quietRow["QuotaBytes"] = (long)(quietUsed / 0.5);
        await table.UpdateEntityAsync(quietRow, quietRow.ETag, TableUpdateMode.Replace, cancellationToken);
        await new CleanupHistorySeeder(new CleanupHistory(new TableClient(azurite.ConnectionString, historyTable), HistoryKept), output)
            .SeedAsync(WorkspaceId.TryParse(large, out var largeId) ? largeId : throw new InvalidOperationException(), HistoryKept, cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, workspaces - 1), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (index, token) =>
            await table.AddEntityAsync(new TableEntity($"ws-{index:D5}", "workspace")
            {
                ["QuotaBytes"] = 10L << 30, ["WarnPercent"] = 70, ["TriggerPercent"] = 80, ["TargetPercent"] = 70, ["CriticalPercent"] = 90,
                ["UsedBytes"] = (10L << 30) * (index % 100) / 100, ["ImageCount"] = index % 50, ["JournalPending"] = false,
            }, token));
        output.WriteLine($"  seeded {workspaces} workspaces, one of them with {images} images, in {clock.Elapsed.TotalSeconds:0.0} s");

        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("dashbench"),
            ["Registry__Url"] = registry.Url.ToString(),
            ["Keys__Master"] = masterKey,
            ["Keys__Function__default"] = functionKey,
            ["Quota__UsageTable"] = usageTable,
            ["Quota__CleanupHistoryTable"] = historyTable,
            ["Quota__CleanupHistoryPerWorkspace"] = HistoryKept.ToString(CultureInfo.InvariantCulture),
            ["Dashboard__AdminKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(masterKey))),
            ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
        };
        await using var app = await FunctionHostProcess.StartAsync("functions", AppPaths.FunctionsScriptRoot, FunctionApp.With(settings, appSettings));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.Http.BaseAddress };
        var cookie = await SignInAsync(client, masterKey, cancellationToken);
        Func<CancellationToken, Task> nothing = _ => Task.CompletedTask;
        (string Name, Func<CancellationToken, Task> Before, Func<HttpRequestMessage> Request)[] contenders =
        [
            ("usage API (baseline)", nothing, () => WithHeader(new HttpRequestMessage(HttpMethod.Get, $"/api/internal/workspaces/{large}/registry-usage"), "x-functions-key", functionKey)),
            ($"home, {workspaces} workspaces", nothing, () => WithHeader(new HttpRequestMessage(HttpMethod.Get, "/api/dashboard"), "Cookie", cookie)),
            ("above trigger, unchanged", nothing, () => WithHeader(new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard/workspaces/{large}"), "Cookie", cookie)),
            ("above trigger, just changed", token => RewriteAsync(table, large, token), () => WithHeader(new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard/workspaces/{large}"), "Cookie", cookie)),
            ("below trigger", nothing, () => WithHeader(new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard/workspaces/{quiet}"), "Cookie", cookie)),
        ];

        var settling = Stopwatch.StartNew();
        var warmUps = 0;
        while (warmUps < 20 || settling.Elapsed < SettleTime)
        {
            foreach (var contender in contenders)
            {
                await contender.Before(cancellationToken);
                await SendAsync(client, contender.Request(), cancellationToken);
            }

            warmUps++;
        }

        var samples = contenders.Select(_ => new double[requests]).ToArray();
        for (var request = 0; request < requests; request++)
        {
            for (var position = 0; position < contenders.Length; position++)
            {
                var index = request % 2 == 0 ? position : contenders.Length - 1 - position;
                await contenders[index].Before(cancellationToken);
                var started = Stopwatch.GetTimestamp();
                await SendAsync(client, contenders[index].Request(), cancellationToken);
                samples[index][request] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        var baseline = Percentile.Of(samples[0], 50);
        output.WriteLine($"dashboard: {requests} requests each, interleaved, after {warmUps} warm-up rounds; the workspace pages are of {images} images each");
        for (var index = 0; index < contenders.Length; index++)
        {
            var p50 = Percentile.Of(samples[index], 50);
            output.WriteLine($"  {contenders[index].Name,-30} p50 {p50,7:0.0} ms  p99 {Percentile.Of(samples[index], 99),7:0.0} ms  p50 {p50 / baseline,5:0.0}x the baseline");
        }
    }

    /// <summary>Rewrites the workspace row as it is, which gives it a new ETag: what any change to the workspace does to it.</summary>
    private static async Task RewriteAsync(TableClient table, string workspace, CancellationToken cancellationToken)
    {
        var row = (await table.GetEntityAsync<TableEntity>(workspace, "workspace", cancellationToken: cancellationToken)).Value;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Add(name, value);
        return request;
    }

    private static async Task<string> SignInAsync(HttpClient client, string masterKey, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync("/api/dashboard/sign-in", new FormUrlEncodedContent([KeyValuePair.Create("key", masterKey)]), cancellationToken);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        }

        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    // The whole body is read (the default completion), so it is part of the measured time.
    private static async Task SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }
}
