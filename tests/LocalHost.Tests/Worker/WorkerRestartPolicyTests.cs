using CsCheck;
using Orbit.LocalHost.Worker;

namespace Orbit.LocalHost.Tests.Worker;

public sealed class WorkerRestartPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_worker_is_started_again_twice_and_the_third_exit_within_30_minutes_of_the_one_before_stops_the_host()
    {
        var policy = new WorkerRestartPolicy();

        Assert.True(policy.RestartAfterExit(Start));
        Assert.True(policy.RestartAfterExit(Start.AddMinutes(29)));
        Assert.False(policy.RestartAfterExit(Start.AddMinutes(58)));
        Assert.Equal(3, policy.Exits);
    }

    [Fact]
    public void An_exit_more_than_30_minutes_after_the_one_before_starts_the_count_afresh()
    {
        var policy = new WorkerRestartPolicy();
        policy.RestartAfterExit(Start);
        policy.RestartAfterExit(Start.AddMinutes(1));

        Assert.True(policy.RestartAfterExit(Start.AddMinutes(32)));
        Assert.Equal(1, policy.Exits);
        Assert.True(policy.RestartAfterExit(Start.AddMinutes(33)));
        Assert.False(policy.RestartAfterExit(Start.AddMinutes(34)));
    }

    [Fact]
    public void Whatever_the_gaps_between_exits_the_host_stops_exactly_at_the_third_exit_of_a_run_of_exits_each_within_30_minutes_of_the_one_before()
    {
        // Gaps in seconds around the window's edge as well as far from it.
        var gaps = Gen.OneOf(Gen.Int[0, 3 * 3600], Gen.Int[1790, 1810]);
        gaps.Array[1, 30].Sample(seconds =>
        {
            var policy = new WorkerRestartPolicy();
            var at = Start;
            var run = 0;
            foreach (var gap in seconds)
            {
                at = at.AddSeconds(gap);
                run = run > 0 && gap <= WorkerRestartPolicy.Window.TotalSeconds ? run + 1 : 1;
                if (policy.RestartAfterExit(at) != run < 3)
                {
                    return false;
                }

                if (run == 3)
                {
                    // The host has stopped: nothing after this exit counts.
                    return true;
                }
            }

            return true;
        });
    }
}
