using System.Globalization;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// Byte counts for people, in binary units (KiB = 1024 B) because registries and disks are sized in them:
/// at most one decimal, none when it would be ".0" ("10 GiB", "1.2 GiB", "412 MiB", "512 B").
/// </summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    public static string Format(long bytes)
    {
        if (bytes < 0)
        {
            // long.MinValue has no positive counterpart; a byte count that negative is a bug upstream anyway.
            return bytes == long.MinValue ? "-8 EiB" : "-" + Format(-bytes);
        }

        double value = bytes;
        var unit = 0;
        while (unit < Units.Length - 1 && value >= 1024)
        {
            value /= 1024;
            unit++;
        }

        // 1023.97 KiB would print as "1024 KiB": move up a unit instead.
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        if (rounded >= 1024 && unit < Units.Length - 1)
        {
            rounded = Math.Round(rounded / 1024, 1, MidpointRounding.AwayFromZero);
            unit++;
        }

        return rounded.ToString("0.#", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
