namespace Orbit.Benchmarks;

public static class Percentile
{
    /// <summary>The nearest-rank percentile: the smallest value at or above which lie <paramref name="percent"/> % of the values
    /// (no interpolation, so a reported p99 is a latency some request really had).</summary>
    public static double Of(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        if (percent is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "Between 0 (exclusive) and 100.");
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
