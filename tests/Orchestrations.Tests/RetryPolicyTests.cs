namespace Orbit.Orchestrations.Tests;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delays_grow_by_the_coefficient_up_to_the_maximum()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(5));

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(2, 5).Select(attempt => policy.DelayBefore(attempt).TotalSeconds));
    }
}
