using Orbit.FunctionHost.Queues;

namespace Orbit.FunctionHost.Tests.Queues;

public sealed class PollingBackoffTests
{
    [Fact]
    public void Idle_polling_slows_down_to_the_maximum_and_never_beyond()
    {
        var maximum = TimeSpan.FromSeconds(2);
        var backoff = new PollingBackoff(maximum, new Random(7));

        var delays = Enumerable.Range(0, 20).Select(_ => backoff.NextDelay()).ToList();

        Assert.InRange(delays[0], PollingBackoff.Minimum * 0.8, PollingBackoff.Minimum * 1.2);
        Assert.All(delays, delay => Assert.True(delay <= maximum, $"{delay} exceeds {maximum}"));
        Assert.True(delays[^1] >= maximum * 0.8, $"after 20 empty polls the delay is only {delays[^1]}");
        Assert.True(delays[3] > delays[0] * 4, "the delay should grow exponentially");
    }

    [Fact]
    public void A_message_resets_the_delay_to_the_minimum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(1));
        for (var i = 0; i < 10; i++)
        {
            backoff.NextDelay();
        }

        backoff.Reset();

        Assert.InRange(backoff.NextDelay(), PollingBackoff.Minimum * 0.8, PollingBackoff.Minimum * 1.2);
    }
}
