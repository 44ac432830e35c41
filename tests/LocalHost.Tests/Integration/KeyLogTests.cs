using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>No key in the host's output (its own log, the WebJobs host's and the worker's it forwards), however callers present them.</summary>
[Collection(StorageCollection.Name)]
public sealed class KeyLogTests(StorageFixture fixture)
{
    [Fact]
    public async Task After_a_run_that_used_every_kind_of_key_as_code_and_as_header_none_appears_in_the_host_output()
    {
        var host = await fixture.KeyedHostAsync();
        var systemKey = DurableSystemKey.For(StorageFixture.MasterKey);
        string[] keys = [StorageFixture.MasterKey, StorageFixture.HostKey, StorageFixture.LegacyHostKey, StorageFixture.EchoKey, StorageFixture.LargeBodyKey, systemKey];

        foreach (var key in keys)
        {
            (await host.Http.GetAsync($"/api/echo/logged?code={key}")).Dispose();
            (await HttpTriggerTests.SendAsync(host, HttpMethod.Post, $"/api/large?code={key}")).Dispose();
            (await HttpTriggerTests.SendAsync(host, HttpMethod.Get, "/api/admin/echo", key)).Dispose();
        }

        using var started = await DurableFunctionsTests.StartGreetingAsync(host, "Logged");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = new Uri((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusQueryGetUri").GetString()!);
        await DurableFunctionsTests.WaitForEndAsync(status);
        (await host.Http.GetAsync($"{status.AbsolutePath}?code={StorageFixture.MasterKey}")).Dispose();
        (await host.Http.GetAsync($"/runtime/webhooks/durabletask/instances?code={systemKey}")).Dispose();

        // The output comes through a pipe; give the last lines time to arrive.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var output = host.Process.Output;
        Assert.Contains("Executed 'Echo'", output);
        Assert.Contains("Executed 'Greet'", output);
        Assert.All(keys, key => Assert.DoesNotContain(key, output));
        Assert.DoesNotContain("code=", output);
    }
}
