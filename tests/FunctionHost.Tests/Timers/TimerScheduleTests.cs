using Orbit.FunctionHost.Timers;

namespace Orbit.FunctionHost.Tests.Timers;

public sealed class TimerScheduleTests
{
    [Fact]
    public void Six_field_schedules_have_a_seconds_field()
    {
        var schedule = TimerSchedule.Parse("*/15 * * * * *");
        var start = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(start.AddSeconds(15), schedule.NextAfter(start));
        Assert.Equal(start.AddSeconds(15), schedule.NextAfter(start.AddSeconds(1)));
    }

    [Fact]
    public void The_next_occurrence_is_strictly_after_the_given_time()
    {
        var schedule = TimerSchedule.Parse("0 */5 * * * *");
        var onTheDot = new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.Zero);

        Assert.Equal(onTheDot.AddMinutes(5), schedule.NextAfter(onTheDot));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("every minute")]
    [InlineData("61 * * * * *")]
    public void A_schedule_that_is_not_six_field_cron_is_refused_with_an_example(string text)
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Parse(text));
        Assert.Contains("six-field", error.Message);
    }
}
