using System.Diagnostics;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>
/// SIGTERM, as a platform stops an instance: listeners stop, invocations in flight finish and their messages are settled.
/// SIGKILL of the host alone: its worker does not outlive it.
/// </summary>
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

    [Fact]
    public async Task When_the_host_alone_is_killed_with_SIGKILL_its_worker_is_stopped_too()
    {
        var host = await fixture.StartAsync("killed-host", new Dictionary<string, string?>());
        await using (host)
        {
            var workerId = host.Process.WorkerProcessId ?? throw new InvalidOperationException($"The host did not say which process its worker is:\n{host.Process.Output}");
            using var worker = Process.GetProcessById(workerId);
            try
            {
                await host.Process.KillHostAloneAsync();

                await Eventually.ReturnsAsync(
                    () => Task.FromResult(ProcessStat.State(workerId)), state => state is null or 'Z', TimeSpan.FromSeconds(30), $"the worker (process {workerId}) to exit after its host was killed");
            }
            finally
            {
                // Whatever the outcome, the test leaves no process of its own behind.
                if (ProcessStat.State(workerId) is not (null or 'Z'))
                {
                    worker.Kill();
                }
            }
        }
    }
}
