using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orbit.Benchmarks.BuildCleanup;
using Orbit.Testing;

namespace Orbit.Benchmarks.RegistryTokens;

/// <summary>
/// Token issuance latency on one app process: <c>POST /api/tenants/{id}/registry-token</c> (a tenant's short-lived
/// password) and <c>GET /api/registry/token</c> with a scope (the registry's token service, Basic with the tenant key and
/// with such a password), one request at a time, interleaved with <c>GET /api/health</c> (one storage round trip) as
/// the floor, after a warm-up. No registry runs: issuing a token never calls it.
/// </summary>
internal sealed class RegistryTokenLatencyBenchmark(int requests, int warmUp, TextWriter output)
{
    private const string Service = "orbit-registry";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        OptionBounds.AtLeast(("--requests", requests, 10), ("--warm-up", warmUp, 0));

        await using var azurite = await AzuriteServer.StartAsync();
        var masterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var app = await FunctionHostProcess.StartAsync("token-latency", AppPaths.FunctionsScriptRoot, FunctionApp.With(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsWebHost__hostid"] = TestNames.HostId("token-latency"),
            // Never called: the issuer does not talk to the registry. The app only needs to know its name.
            ["Registry__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Keys__Master"] = masterKey,
            ["Quota__ReconcileSchedule"] = "0 0 0 1 1 *",
            ["Tenants__OrphanSweepSchedule"] = "0 0 0 1 1 *",
            ["Tenants__Table"] = TestNames.Table("tenants"),
            ["RegistryAuth__Service"] = Service,
            ["RegistryAuth__ServicePassword"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
        }));

        var tenant = $"bench{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { id = tenant }) };
        create.Headers.Add("x-functions-key", masterKey);
        using var created = await app.Http.SendAsync(create, cancellationToken);
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("key").GetString()!;
        var scope = Uri.EscapeDataString($"repository:tenants/tenant-{tenant}:pull,push");
        var tokenPath = $"/api/registry/token?service={Service}&scope={scope}";
        var password = await PasswordAsync(app.Http, tenant, key, cancellationToken);

        var probes = new (string Name, Func<Task> Send)[]
        {
            ("GET /api/health (floor: one storage read)", () => SendAsync(app.Http, new HttpRequestMessage(HttpMethod.Get, "/api/health"), cancellationToken)),
            ("POST /api/tenants/{id}/registry-token (tenant key)", () => PasswordAsync(app.Http, tenant, key, cancellationToken)),
            ("GET /api/registry/token, Basic tenant key", () => SendAsync(app.Http, Basic(tokenPath, tenant, key), cancellationToken)),
            ("GET /api/registry/token, Basic short-lived password", () => SendAsync(app.Http, Basic(tokenPath, tenant, password), cancellationToken)),
        };

        output.WriteLine($"registry-token-latency: {requests} timed requests per kind, one at a time and interleaved, after {warmUp} warm-up rounds; one app process on Azurite, loopback, {Environment.ProcessorCount} cores");
        for (var round = 0; round < warmUp; round++)
        {
            foreach (var probe in probes)
            {
                await probe.Send();
            }
        }

        var latencies = probes.Select(_ => new List<double>(requests)).ToArray();
        for (var round = 0; round < requests; round++)
        {
            for (var kind = 0; kind < probes.Length; kind++)
            {
                var started = Stopwatch.GetTimestamp();
                await probes[kind].Send();
                latencies[kind].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        output.WriteLine($"{"request",-55} {"p50 ms",8} {"p99 ms",8} {"mean ms",8}");
        for (var kind = 0; kind < probes.Length; kind++)
        {
            output.WriteLine($"{probes[kind].Name,-55} {Percentile.Of(latencies[kind], 50),8:0.00} {Percentile.Of(latencies[kind], 99),8:0.00} {latencies[kind].Average(),8:0.00}");
        }
    }

    private static HttpRequestMessage Basic(string path, string username, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return request;
    }

    private static async Task<string> PasswordAsync(HttpClient http, string tenant, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant}/registry-token");
        request.Headers.Add("X-Tenant-Key", key);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("password").GetString()!;
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
    }
}
