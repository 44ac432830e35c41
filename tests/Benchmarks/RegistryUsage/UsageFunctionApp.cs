using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Orbit.Testing;

namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>
/// The real function app (functions/Orbit.Functions.csproj) on the local host on loopback, and the three internal API
/// calls the benchmark makes. It runs from the solution's build output of functions/, its script root.
/// </summary>
internal sealed class UsageFunctionApp : IAsyncDisposable
{
    // Fresh keys each run: the process only listens on loopback, but nothing here should look like a shared secret.
    private readonly string masterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private readonly string functionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private FunctionHostProcess? host;

    private UsageFunctionApp(string usageTable) => UsageTable = usageTable;

    public string UsageTable { get; }

    private HttpClient Http => (host ?? throw new InvalidOperationException("Not started.")).Http;

    public static async Task<UsageFunctionApp> StartAsync(AzuriteServer azurite, RegistryServer registry)
    {
        var app = new UsageFunctionApp(TestNames.Table("usage"));
        app.host = await FunctionHostProcess.StartAsync("functions", AppPaths.FunctionsScriptRoot, FunctionApp.With(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("bench"),
            ["Registry__Url"] = registry.Url.ToString(),
            ["Keys__Master"] = app.masterKey,
            ["Keys__Function__default"] = app.functionKey,
            ["Quota__UsageTable"] = app.UsageTable,
            // Information would log every tracked image; the benchmark should not measure console output.
            ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
        }));
        return app;
    }

    /// <summary>Creates the workspace (or changes its quota) through the API, as an operator would.</summary>
    public async Task CreateWorkspaceAsync(string workspace, long quotaBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/internal/workspaces/{workspace}/quota") { Content = JsonContent.Create(new { quotaBytes }) };
        request.Headers.Add("x-functions-key", masterKey);
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.OK, HttpStatusCode.Created, $"creating workspace {workspace}", cancellationToken);
    }

    /// <summary>Tracks an image the registry has; anything but 201 (new) fails, since every benchmark image is new.</summary>
    public async Task TrackAsync(string workspace, string appId, string repository, string tag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/internal/registry-images")
        {
            Content = JsonContent.Create(new { workspaceId = workspace, appId, repository, tag }),
        };
        request.Headers.Add("x-functions-key", functionKey);
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.Created, HttpStatusCode.Created, $"tracking {repository}:{tag} in {workspace}", cancellationToken);
    }

    public async Task<UsageResponse> GetUsageAsync(string workspace, CancellationToken cancellationToken)
    {
        using var response = await SendUsageRequestAsync(workspace, cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.OK, HttpStatusCode.OK, $"reading the usage of {workspace}", cancellationToken);
        return await response.Content.ReadFromJsonAsync<UsageResponse>(cancellationToken)
            ?? throw new InvalidOperationException($"The usage of {workspace} came back empty.");
    }

    /// <summary>The request whose latency the benchmark measures: sent, answered 200, body fully received, nothing parsed.</summary>
    public async Task ReadUsageAsync(string workspace, CancellationToken cancellationToken)
    {
        using var response = await SendUsageRequestAsync(workspace, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await EnsureStatusAsync(response, HttpStatusCode.OK, HttpStatusCode.OK, $"reading the usage of {workspace}", cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    // Default completion (ResponseContentRead): the call returns once the whole body is in, so it is part of the measured time.
    private async Task<HttpResponseMessage> SendUsageRequestAsync(string workspace, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/internal/workspaces/{workspace}/registry-usage");
        request.Headers.Add("x-functions-key", functionKey);
        return await Http.SendAsync(request, cancellationToken);
    }

    private static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected, HttpStatusCode alsoExpected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected && response.StatusCode != alsoExpected)
        {
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
