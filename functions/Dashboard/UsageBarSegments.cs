namespace Orbit.Functions.Dashboard;

/// <summary>
/// A Docker host's bar as seed 002 draws it: tracked users + other (used - tracked) + free, as widths in percent of
/// the bar that add up to exactly 100 (largest remainder), so the segments neither overflow nor leave a gap.
/// </summary>
public sealed record UsageBarSegments(double TrackedPercent, double OtherPercent, double FreePercent)
{
    private const int Resolution = 1000;

    public static UsageBarSegments Of(long trackedBytes, long otherBytes, long freeBytes)
    {
        long[] parts = [Math.Max(0, trackedBytes), Math.Max(0, otherBytes), Math.Max(0, freeBytes)];
        var whole = (decimal)parts[0] + parts[1] + parts[2];
        if (whole == 0)
        {
            return new UsageBarSegments(0, 0, 100);
        }

        var exact = parts.Select(part => part * Resolution / whole).ToArray();
        var units = exact.Select(share => (int)Math.Floor(share)).ToArray();
        foreach (var index in Enumerable.Range(0, 3).OrderByDescending(index => exact[index] - units[index]).ThenBy(index => index).Take(Resolution - units.Sum()))
        {
            units[index]++;
        }

        return new UsageBarSegments(units[0] / 10.0, units[1] / 10.0, units[2] / 10.0);
    }
}
