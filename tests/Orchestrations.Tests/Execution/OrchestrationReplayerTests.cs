using Orbit.Orchestrations.Execution;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Tests.Execution;

public sealed class OrchestrationReplayerTests
{
    [Fact]
    public void A_sequence_schedules_one_activity_per_episode_and_completes_with_their_results()
    {
        var replay = new Replay(async context =>
        {
            var a = await context.CallActivityAsync<string>("A", 1);
            var b = await context.CallActivityAsync<string>("B", a);
            return OrchestrationJson.Serialize(a + b);
        });

        var first = replay.Started();
        Assert.Equal(OrchestrationRuntimeStatus.Running, first.Status);
        Assert.Equal("A", Assert.Single(first.NewWork).Name);

        var second = replay.Completed(0, "x");
        var next = Assert.Single(second.NewWork);
        Assert.Equal(("B", 1, "\"x\""), (next.Name, next.TaskId, next.Input));

        var third = replay.Completed(1, "y");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, third.Status);
        Assert.Equal("\"xy\"", third.Output);
        Assert.Empty(third.NewWork);
    }

    [Fact]
    public void A_fan_out_schedules_every_activity_in_one_episode_and_fans_in_only_when_all_have_answered()
    {
        var replay = new Replay(async context =>
        {
            var parts = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => context.CallActivityAsync<int>("Square", i)));
            return OrchestrationJson.Serialize(parts.Sum());
        });

        Assert.Equal(5, replay.Started().NewWork.Count);
        for (var taskId = 0; taskId < 4; taskId++)
        {
            var partial = replay.Completed(taskId, (taskId + 1) * (taskId + 1));
            Assert.Equal(OrchestrationRuntimeStatus.Running, partial.Status);
            Assert.Empty(partial.NewWork);
        }

        var done = replay.Completed(4, 25);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Status);
        Assert.Equal("55", done.Output);
    }

    [Fact]
    public void An_event_raised_before_the_orchestrator_waits_for_it_is_kept_until_it_asks()
    {
        var replay = new Replay(async context =>
        {
            await context.CallActivityAsync<int>("Prepare", null);
            return OrchestrationJson.Serialize(await context.WaitForExternalEvent<string>("Go"));
        });

        replay.Started();
        Assert.Equal(OrchestrationRuntimeStatus.Running, replay.Episode(HistoryEvent.EventRaised(replay.Now, "Go", "\"early\"", "e1")).Status);

        var done = replay.Completed(0, 0);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Status);
        Assert.Equal("\"early\"", done.Output);
    }

    [Fact]
    public void Whichever_of_an_event_and_a_timer_the_history_records_first_wins_on_every_replay()
    {
        var replay = new Replay(async context =>
        {
            var approval = context.WaitForExternalEvent<string>("Approve");
            var deadline = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1));
            var winner = await Task.WhenAny(approval, deadline);
            var outcome = winner == approval ? "approved" : "timed out";
            await context.CallActivityAsync<int>("Record", outcome);
            return OrchestrationJson.Serialize(outcome);
        });

        var started = replay.Started();
        var timer = Assert.Single(started.NewWork);
        Assert.Equal(HistoryEventType.TimerCreated, timer.Kind);

        var fired = replay.Episode(HistoryEvent.TimerFired(replay.Now, timer.TaskId, timer.FireAt!.Value));
        Assert.Equal("\"timed out\"", Assert.Single(fired.NewWork).Input);

        // A late approval replays after the timer in the history, so the decision does not change.
        var late = replay.Episode(HistoryEvent.EventRaised(replay.Now, "Approve", "\"yes\"", "e1"));
        Assert.Empty(late.NewWork);
        Assert.Equal("\"timed out\"", replay.Completed(1, 0).Output);
    }

    [Fact]
    public void A_failed_activity_throws_into_the_orchestrator_and_an_unhandled_failure_fails_the_instance_with_its_message()
    {
        var replay = new Replay(async context =>
        {
            try
            {
                await context.CallActivityAsync<int>("Flaky", null);
                return null;
            }
            catch (TaskFailedException failure)
            {
                await context.CallActivityAsync<int>("Fail", failure.Reason);
                return null;
            }
        });

        replay.Started();
        var handled = replay.Episode(HistoryEvent.TaskFailed(replay.Now, 0, "registry unreachable"));
        Assert.Equal(("Fail", "\"registry unreachable\""), (Assert.Single(handled.NewWork).Name, handled.NewWork[0].Input));

        var failed = replay.Episode(HistoryEvent.TaskFailed(replay.Now, 1, "still down"));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.Status);
        Assert.Equal("Activity Fail failed: still down", failed.FailureReason);
    }

    [Fact]
    public void A_retry_policy_waits_on_a_durable_timer_between_attempts_and_gives_up_after_the_last()
    {
        var replay = new Replay(async context => OrchestrationJson.Serialize(
            await context.CallActivityAsync<int>("Flaky", null, new RetryPolicy(3, TimeSpan.FromSeconds(10)))));

        replay.Started();
        var wait = Assert.Single(replay.Episode(HistoryEvent.TaskFailed(replay.Now, 0, "503")).NewWork);
        Assert.Equal(HistoryEventType.TimerCreated, wait.Kind);
        Assert.Equal(replay.Now.AddSeconds(10), wait.FireAt);

        Assert.Equal("Flaky", Assert.Single(replay.Episode(HistoryEvent.TimerFired(replay.Now, 1, wait.FireAt!.Value)).NewWork).Name);
        var secondWait = Assert.Single(replay.Episode(HistoryEvent.TaskFailed(replay.Now, 2, "503")).NewWork);
        Assert.Equal(replay.Now.AddSeconds(20), secondWait.FireAt);

        replay.Episode(HistoryEvent.TimerFired(replay.Now, 3, secondWait.FireAt!.Value));
        var failed = replay.Episode(HistoryEvent.TaskFailed(replay.Now, 4, "503"));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.Status);
    }

    [Fact]
    public void Current_time_is_the_episode_start_recorded_in_the_history_not_the_clock()
    {
        var seen = new List<DateTimeOffset>();
        var replay = new Replay(async context =>
        {
            seen.Add(context.CurrentUtcDateTime);
            await context.CallActivityAsync<int>("A", null);
            seen.Add(context.CurrentUtcDateTime);
            return null;
        });

        replay.Started();
        var startedAt = replay.Now;
        seen.Clear();
        replay.Completed(0, 1);

        Assert.Equal([startedAt, replay.Now], seen);
    }

    [Fact]
    public void An_orchestrator_that_schedules_something_else_on_replay_is_reported_as_nondeterministic()
    {
        var name = "A";
        var replay = new Replay(async context =>
        {
            await context.CallActivityAsync<int>(name, null);
            return null;
        });
        replay.Started();

        name = "B";
        var failure = Assert.Throws<NonDeterministicOrchestrationException>(() => replay.Completed(0, 1));
        Assert.Contains("activity A", failure.Message);
        Assert.Contains("activity B", failure.Message);
    }

    [Fact]
    public void The_custom_status_is_the_last_one_set()
    {
        var replay = new Replay(async context =>
        {
            context.SetCustomStatus(new { phase = "one" });
            await context.CallActivityAsync<int>("A", null);
            context.SetCustomStatus(new { phase = "two" });
            await context.CallActivityAsync<int>("B", null);
            return null;
        });

        Assert.Equal("{\"phase\":\"one\"}", replay.Started().CustomStatus);
        Assert.Equal("{\"phase\":\"two\"}", replay.Completed(0, 1).CustomStatus);
    }
}
