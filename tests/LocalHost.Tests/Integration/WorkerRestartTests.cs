using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Testing;

namespace Orbit.LocalHost.Tests.Integration;

/// <summary>
/// A worker that exits while the host runs is started again, as the Functions host starts its worker again, and what
/// arrived meanwhile is handled by the new one, an activity that was running in it by its orchestration's retry;
/// the third exit in a row (each within 30 minutes of the one before) stops
/// the host with exit code 1.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class WorkerRestartTests(StorageFixture fixture)
{
    private const string MasterKey = "restart-master-key-4d1f07";
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task When_its_worker_is_killed_the_host_starts_another_which_handles_a_message_sent_while_there_was_none()
    {
        var host = await fixture.StartAsync("restarted-worker", new Dictionary<string, string?>());
        await using (host)
        {
            var queue = fixture.Queue(host.Setting(TestAppSettings.RecordQueue));
            await queue.CreateIfNotExistsAsync();
            var first = await KillWorkerAsync(host);

            await queue.SendMessageAsync("{\"id\":\"sent-while-restarting\"}");

            await Eventually.ReturnsAsync(() => host.RecordedAsync("sent-while-restarting"), rows => rows.Count == 1, RestartTimeout, "the message to be handled by the new worker");
            Assert.False(host.Process.HasExited, host.Process.Output);
            Assert.NotEqual(first, host.Process.WorkerProcessId);
            Assert.Contains("starting it again (1 of 2 exits", host.Process.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task When_its_worker_is_killed_during_an_activity_the_attempt_fails_and_the_orchestrations_retry_runs_it_on_the_new_worker()
    {
        var host = await fixture.StartAsync("activity-survivor", new Dictionary<string, string?> { ["Keys__Master"] = MasterKey });
        await using (host)
        {
            using var started = await DurableFunctionsTests.StartGreetingAsync(host, "Survivor", greetSeconds: 4, key: MasterKey);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var status = new Uri((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusQueryGetUri").GetString()!);
            await Eventually.ReturnsAsync(() => host.RecordedAsync("slow-greet-Survivor"), rows => rows.Count == 1, TimeSpan.FromSeconds(60), "the activity to start");

            var killed = await KillWorkerAsync(host);

            // As in Azure with this Durable extension: the attempt in the killed worker fails (it does not hang until some
            // timeout, nor is it lost), and the orchestration's retry policy runs it again.
            var ended = await DurableFunctionsTests.WaitForEndAsync(status, RestartTimeout);
            Assert.True(
                (ended.GetProperty("runtimeStatus").GetString(), ended.GetProperty("output").GetString()) == ("Completed", "Hello, Survivor!"),
                $"{ended}\n{host.Process.Output}");
            var attempts = await host.RecordedAsync("slow-greet-Survivor");
            Assert.Equal(2, attempts.Count);
            Assert.Contains(attempts, attempt => attempt.GetInt32("Pid") == host.Process.WorkerProcessId && attempt.GetInt32("Pid") != killed);
        }
    }

    [Fact]
    public async Task The_third_exit_of_its_worker_each_within_30_minutes_of_the_one_before_stops_the_host_with_exit_code_1()
    {
        var host = await fixture.StartAsync("crashing-worker", new Dictionary<string, string?>());
        await using (host)
        {
            for (var exit = 1; exit <= 2; exit++)
            {
                var killed = await KillWorkerAsync(host);
                await Eventually.ReturnsAsync(
                    () => Task.FromResult(host.Process.Output), output => output.Split("functions again.").Length - 1 == exit && host.Process.WorkerProcessId != killed, RestartTimeout,
                    $"the host to start worker {exit + 1}");
            }

            await KillWorkerAsync(host);

            await Eventually.ReturnsAsync(() => Task.FromResult(host.Process.HasExited), exited => exited, TimeSpan.FromSeconds(60), "the host to stop after the third exit");
            Assert.True(host.Process.ExitCode == 1, $"exit code {host.Process.ExitCode}:\n{host.Process.Output}");
            Assert.Contains("3 exits, each within 00:30:00 of the one before; the host stops", host.Process.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>SIGKILL of the current worker, as a crash or the kernel's OOM killer would end it; its process id.</summary>
    private static async Task<int> KillWorkerAsync(TestAppHost host)
    {
        var workerId = host.Process.WorkerProcessId ?? throw new InvalidOperationException($"The host did not say which process its worker is:\n{host.Process.Output}");
        using var worker = Process.GetProcessById(workerId);
        worker.Kill();
        await worker.WaitForExitAsync();
        return workerId;
    }
}
