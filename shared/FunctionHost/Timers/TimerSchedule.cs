using Cronos;

namespace Orbit.FunctionHost.Timers;

/// <summary>A six-field cron schedule (second minute hour day month weekday), as Azure Functions' timer trigger takes, in UTC.</summary>
public sealed class TimerSchedule
{
    private readonly CronExpression expression;

    private TimerSchedule(string text, CronExpression expression)
    {
        Text = text;
        this.expression = expression;
    }

    public string Text { get; }

    public static TimerSchedule Parse(string text)
    {
        try
        {
            return new TimerSchedule(text, CronExpression.Parse(text, CronFormat.IncludeSeconds));
        }
        catch (CronFormatException exception)
        {
            throw new FormatException(
                $"'{text}' is not a six-field cron schedule (second minute hour day month weekday, e.g. '0 */5 * * * *'): {exception.Message}", exception);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after) =>
        expression.GetNextOccurrence(after, TimeZoneInfo.Utc, inclusive: false)
        ?? throw new InvalidOperationException($"The schedule '{Text}' has no occurrence after {after:O}.");
}
