using System.Net;
using System.Text.Json.Nodes;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>The app as <c>dotnet publish</c> leaves it, which is what Azure Functions deploys, run by the local host from that folder.</summary>
[Collection(StorageCollection.Name)]
public sealed class PublishedAppTests(StorageFixture fixture)
{
    private static readonly Dictionary<string, string> TriggerOf = new()
    {
        ["AdminEcho"] = "httpTrigger",
        ["AlwaysFails"] = "queueTrigger",
        ["Echo"] = "httpTrigger",
        ["FailingTick"] = "timerTrigger",
        ["FanOut"] = "orchestrationTrigger",
        ["Greet"] = "activityTrigger",
        ["Greeting"] = "orchestrationTrigger",
        ["Health"] = "httpTrigger",
        ["LargeBody"] = "httpTrigger",
        ["NoOp"] = "queueTrigger",
        ["PublicEcho"] = "httpTrigger",
        ["Record"] = "queueTrigger",
        ["SlowGreet"] = "activityTrigger",
        ["Square"] = "activityTrigger",
        ["StartGreeting"] = "httpTrigger",
        ["StartupTick"] = "timerTrigger",
        ["Tick"] = "timerTrigger",
    };

    [Fact]
    public async Task A_published_app_has_what_Azure_Functions_deploys_and_runs_on_the_local_host_from_its_folder()
    {
        var publishDirectory = ScratchDirectory.Create("orbit-published-");
        try
        {
            await using (var publish = ChildProcess.Start("publish", "dotnet",
                ["publish", Path.Combine(RepositoryPaths.Root, "tests", "TestFunctionApp", "Orbit.TestFunctionApp.csproj"), "-c", "Release", "-o", publishDirectory, "--nologo", "--verbosity", "quiet"]))
            {
                await publish.WaitForExitAsync(TimeSpan.FromMinutes(5));
                Assert.True(publish.ExitCode == 0, publish.Output);
            }

            var metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(publishDirectory, "functions.metadata")))!.AsArray();
            var triggers = metadata.ToDictionary(
                function => (string)function!["name"]!,
                function => (string)function!["bindings"]!.AsArray().Single(binding => ((string)binding!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!["type"]!);
            Assert.Equal(TriggerOf.OrderBy(pair => pair.Key), triggers.OrderBy(pair => pair.Key));
            Assert.True(File.Exists(Path.Combine(publishDirectory, "worker.config.json")));
            Assert.True(File.Exists(Path.Combine(publishDirectory, "host.json")));
            Assert.True(File.Exists(Path.Combine(publishDirectory, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")));
            Assert.True(File.Exists(Path.Combine(publishDirectory, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll")));
            Assert.False(File.Exists(Path.Combine(publishDirectory, "local.settings.json")));

            await using var host = await fixture.StartAsync("published-app", new Dictionary<string, string?> { ["Keys__Master"] = StorageFixture.MasterKey }, scriptRoot: publishDirectory);
            using var echo = await HttpTriggerTests.SendAsync(host, HttpMethod.Get, "/api/echo/published", StorageFixture.MasterKey);
            Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
            Assert.Contains("published", await echo.Content.ReadAsStringAsync());
            var id = $"published-{Guid.NewGuid():N}";
            var queue = fixture.Queue(host.Setting(TestAppSettings.RecordQueue));
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync($"{{\"id\":\"{id}\"}}");
            await Eventually.ReturnsAsync(() => host.RecordedAsync(id), rows => rows.Count == 1, TimeSpan.FromSeconds(60), "the published app's queue trigger to handle a message");
        }
        finally
        {
            ScratchDirectory.TryDelete(publishDirectory);
        }
    }
}
