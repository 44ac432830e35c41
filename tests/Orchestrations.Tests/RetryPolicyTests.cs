namespace Orbit.Orchestrations.Tests;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delays_grow_by_the_coefficient_up_to_the_maximum()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(5));

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(2, 5).Select(attempt => policy.DelayBefore(attempt).TotalSeconds));
    }

    [Fact]
    public void A_long_run_of_attempts_stays_at_the_maximum_instead_of_overflowing()
    {
        var policy = new RetryPolicy(int.MaxValue, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayBefore(60));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayBefore(5_000));
    }
}
