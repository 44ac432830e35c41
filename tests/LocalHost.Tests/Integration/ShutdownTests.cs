using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>SIGTERM, as a platform stops an instance: listeners stop, invocations in flight finish and their messages are settled.</summary>
[Collection(StorageCollection.Name)]
public sealed class ShutdownTests(StorageFixture fixture)
{
    [Fact]
    public async Task On_SIGTERM_a_queue_invocation_in_flight_finishes_its_message_is_deleted_and_the_host_exits_0()
    {
        var host = await fixture.StartAsync("draining-host", new Dictionary<string, string?>());
        await using (host)
        {
            var queue = fixture.Queue(host.Setting(TestAppSettings.RecordQueue));
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("{\"id\":\"drain\",\"delayMilliseconds\":4000}");
            await Eventually.ReturnsAsync(() => host.RecordedAsync("started-drain"), rows => rows.Count == 1, TimeSpan.FromSeconds(60), "the handler to start");

            await host.Process.StopAsync(TimeSpan.FromSeconds(40));

            Assert.True(host.Process.ExitCode == 0, $"exit code {host.Process.ExitCode}:\n{host.Process.Output}");
            Assert.Equal(1L, Assert.Single(await host.RecordedAsync("drain")).GetInt64("DequeueCount"));
            Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        }
    }
}
