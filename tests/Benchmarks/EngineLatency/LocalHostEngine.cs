using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Orbit.TestFunctionApp.Testing;
using Orbit.Testing;

namespace Orbit.Benchmarks.EngineLatency;

/// <summary>
/// The same engine as the app runs it: the test app's FanOut orchestration and Square activity in its worker process,
/// on the local host with <c>Microsoft.Azure.WebJobs.Extensions.DurableTask</c> in its isolated mode. Each episode and
/// each activity is an invocation over the worker's gRPC stream (an episode carries the instance's history and returns
/// its actions). Instances are started through Durable's HTTP API, which the extension answers in the host with its own
/// client, as <see cref="DirectEngine"/> starts them with <c>TaskHubClient</c>.
/// </summary>
internal sealed class LocalHostEngine(TestAppHost app, string hubName, string masterKey) : IEngineContender
{
    public string Name => "WebJobs extension + isolated worker, local host";

    public string HubName => hubName;

    public static async Task<LocalHostEngine> StartAsync(AzuriteServer azurite, string hubName, TimeSpan maxQueuePollingInterval)
    {
        var masterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var app = await TestAppHost.StartAsync(azurite, "engine", new Dictionary<string, string?>
        {
            [TestAppSettings.HubName] = hubName,
            ["Keys__Master"] = masterKey,
            // What the functions app's host.json says (the test app's own polls at most once a second).
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = maxQueuePollingInterval.ToString("c", CultureInfo.InvariantCulture),
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount"] = "4",
            ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
        });
        return new LocalHostEngine(app, hubName, masterKey);
    }

    public async Task StartAsync(string instanceId, int activities, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/runtime/webhooks/durabletask/orchestrators/FanOut/{instanceId}") { Content = JsonContent.Create(activities) };
        request.Headers.Add("x-functions-key", masterKey);
        using var response = await app.Http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Starting FanOut {instanceId}: expected 202, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
