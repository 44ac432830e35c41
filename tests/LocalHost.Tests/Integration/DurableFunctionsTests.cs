using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>Orchestrations on the Durable extension in isolated mode: an HTTP start, the management URLs it returns, and who the management API lets in.</summary>
[Collection(StorageCollection.Name)]
public sealed class DurableFunctionsTests(StorageFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_start_answers_202_with_management_urls_that_carry_the_system_key_and_work_as_returned()
    {
        var host = await fixture.KeyedHostAsync();
        var systemKey = DurableSystemKey.For(StorageFixture.MasterKey);

        using var started = await StartGreetingAsync(host, "Ada");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await started.Content.ReadAsStringAsync();
        var urls = JsonDocument.Parse(body).RootElement;
        var id = urls.GetProperty("id").GetString()!;
        var status = urls.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal($"http://127.0.0.1:{host.Process.Port}/runtime/webhooks/durabletask/instances/{id}?code={systemKey}", status);
        Assert.Equal(status, started.Headers.Location?.ToString());
        foreach (var name in new[] { "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
        {
            var url = urls.GetProperty(name).GetString()!;
            Assert.StartsWith($"http://127.0.0.1:{host.Process.Port}/runtime/webhooks/durabletask/instances/{id}", url);
            Assert.EndsWith($"code={systemKey}", url);
        }

        Assert.DoesNotContain(StorageFixture.HostKey, body);
        var done = await WaitForEndAsync(new Uri(status));
        Assert.Equal(("Completed", "Hello, Ada!"), (done.GetProperty("runtimeStatus").GetString(), done.GetProperty("output").GetString()));
        Assert.Equal("Greeting", done.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_management_api_takes_the_master_or_system_key_and_refuses_host_and_function_keys_so_they_cannot_terminate_or_purge()
    {
        var host = await fixture.KeyedHostAsync();
        using var started = await StartGreetingAsync(host, "Grace", delaySeconds: 120);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var instance = $"/runtime/webhooks/durabletask/instances/{id}";

        foreach (var key in new[] { null, "", StorageFixture.HostKey, StorageFixture.LegacyHostKey, StorageFixture.EchoKey, "wrong" })
        {
            using var read = await HttpTriggerTests.SendAsync(host, HttpMethod.Get, instance, key);
            using var readByCode = await host.Http.GetAsync($"{instance}?code={key}");
            using var terminate = await HttpTriggerTests.SendAsync(host, HttpMethod.Post, $"{instance}/terminate?reason=attacker", key);
            using var purge = await HttpTriggerTests.SendAsync(host, HttpMethod.Delete, instance, key);
            Assert.Equal(
                (HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
                (read.StatusCode, readByCode.StatusCode, terminate.StatusCode, purge.StatusCode));
            Assert.Equal("application/problem+json", terminate.Content.Headers.ContentType?.MediaType);
        }

        using (var bySystemKey = await HttpTriggerTests.SendAsync(host, HttpMethod.Get, instance, DurableSystemKey.For(StorageFixture.MasterKey)))
        {
            Assert.Equal(HttpStatusCode.Accepted, bySystemKey.StatusCode);
            Assert.Contains((await bySystemKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString(), new[] { "Pending", "Running" });
        }

        using (var terminate = await HttpTriggerTests.SendAsync(host, HttpMethod.Post, $"{instance}/terminate?reason=operator", StorageFixture.MasterKey))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        }

        var ended = await WaitForEndAsync(new Uri(host.Http.BaseAddress!, $"{instance}?code={StorageFixture.MasterKey}"));
        Assert.Equal(("Terminated", "operator"), (ended.GetProperty("runtimeStatus").GetString(), ended.GetProperty("output").GetString()));
    }

    internal static async Task<HttpResponseMessage> StartGreetingAsync(TestAppHost host, string name, int delaySeconds = 0, int greetSeconds = 0, string key = StorageFixture.HostKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/greetings") { Content = JsonContent.Create(new { name, delaySeconds, greetSeconds }) };
        request.Headers.Add("x-functions-key", key);
        return await host.Http.SendAsync(request);
    }

    /// <summary>Polls a status URL as a client would, with nothing but the URL, until the instance has ended.</summary>
    internal static async Task<JsonElement> WaitForEndAsync(Uri status, TimeSpan? patience = null)
    {
        using var client = new HttpClient();
        return await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await client.GetAsync(status);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"GET {status.AbsolutePath} answered {(int)response.StatusCode}");
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            json => json.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated",
            patience ?? Patience,
            $"instance {status.AbsolutePath} to end");
    }
}
