using CsCheck;
using Orbit.Functions.Dashboard;

namespace Orbit.Dashboard.Tests.Pure;

public sealed class UsageBarSegmentsTests
{
    [Fact]
    public void The_segments_add_up_to_100_and_each_is_within_a_tenth_of_its_exact_share()
    {
        Gen.Select(Gen.Long[0, 1L << 45], Gen.Long[0, 1L << 45], Gen.Long[0, 1L << 45]).Sample((tracked, other, free) =>
        {
            var bar = UsageBarSegments.Of(tracked, other, free);
            var whole = (double)tracked + other + free;
            double Exact(long part) => whole == 0 ? 0 : 100 * part / whole;
            return Math.Abs(bar.TrackedPercent + bar.OtherPercent + bar.FreePercent - 100) < 1e-9
                && Math.Abs(bar.TrackedPercent - Exact(tracked)) <= 0.1 + 1e-9
                && Math.Abs(bar.OtherPercent - Exact(other)) <= 0.1 + 1e-9
                && (whole == 0 || Math.Abs(bar.FreePercent - Exact(free)) <= 0.1 + 1e-9);
        });
    }

    [Theory]
    [InlineData(1, 1, 1, 33.4, 33.3, 33.3)]
    [InlineData(0, 0, 0, 0, 0, 100)]
    [InlineData(-5, 10, 10, 0, 50, 50)]
    public void Edge_cases_fill_the_bar_exactly(long tracked, long other, long free, double trackedPercent, double otherPercent, double freePercent) =>
        Assert.Equal(new UsageBarSegments(trackedPercent, otherPercent, freePercent), UsageBarSegments.Of(tracked, other, free));
}
