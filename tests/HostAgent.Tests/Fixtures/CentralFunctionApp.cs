using System.Net.Http.Json;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>
/// The real central service: Azurite and the function app as one process, started the way the Hosts.Tests Central
/// fixture starts it, holding the secret of <see cref="AgentHarness.HostId"/> as an operator would set it.
/// </summary>
public sealed class CentralFunctionApp : IAsyncDisposable
{
    public const string FunctionKey = "function-key-for-agent-tests";
    public const string MasterKey = "master-key-for-agent-tests";

    private readonly AzuriteServer azurite;
    private readonly FunctionHostProcess app;

    private CentralFunctionApp(AzuriteServer azurite, FunctionHostProcess app)
    {
        this.azurite = azurite;
        this.app = app;
    }

    public Uri ReportsUrl => new($"http://127.0.0.1:{app.Port}/api/hosts/{AgentHarness.HostId}/reports");

    public string Output => app.Output;

    public static async Task<CentralFunctionApp> StartAsync()
    {
        var azurite = await AzuriteServer.StartAsync();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("central"),
                // Required to start; the agent's tests never reach a registry.
                ["Registry__Url"] = "http://127.0.0.1:9/",
                ["Quota__ReconcileSchedule"] = "0 0 0 1 1 *",
                ["Keys__Master"] = MasterKey,
                ["Keys__Function__default"] = FunctionKey,
                [$"Hosts__Secrets__{AgentHarness.HostId}"] = AgentHarness.Secret,
            };
            var app = await FunctionHostProcess.StartAsync(nameof(CentralFunctionApp), AppPaths.FunctionsScriptRoot, FunctionApp.With(settings));
            return new CentralFunctionApp(azurite, app);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>GET /api/hosts/{hostId}/usage</c> with the function key.</summary>
    public async Task<HttpResponseMessage> GetUsageAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/hosts/{AgentHarness.HostId}/usage");
        request.Headers.Add("x-functions-key", FunctionKey);
        return await app.Http.SendAsync(request, cancellationToken);
    }

    /// <summary><c>PUT /api/hosts/{hostId}/users/{user}/quota</c> with the master key.</summary>
    public async Task<HttpResponseMessage> PutQuotaAsync(string user, long limitBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/hosts/{AgentHarness.HostId}/users/{user}/quota")
        {
            Content = JsonContent.Create(new { limitBytes }),
        };
        request.Headers.Add("x-functions-key", MasterKey);
        return await app.Http.SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
