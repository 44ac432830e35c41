using System.Globalization;
using System.Text.RegularExpressions;

namespace Orbit.Cli.Output;

/// <summary>Byte counts as people write them (<c>2GiB</c>, <c>512 MiB</c>, <c>5GB</c>, <c>1048576</c>) and as the tool prints them.</summary>
public static partial class ByteSize
{
    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var match = text is null ? null : Grammar().Match(text.Trim());
        if (match is null || !match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var factor = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1m,
            "KIB" or "K" => 1024m,
            "MIB" or "M" => 1024m * 1024,
            "GIB" or "G" => 1024m * 1024 * 1024,
            "TIB" or "T" => 1024m * 1024 * 1024 * 1024,
            "KB" => 1000m,
            "MB" => 1000m * 1000,
            "GB" => 1000m * 1000 * 1000,
            "TB" => 1000m * 1000 * 1000 * 1000,
            _ => 0m,
        };
        var value = number * factor;
        if (factor == 0 || value > long.MaxValue || value != decimal.Floor(value))
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    public static long Parse(string text, string what) =>
        TryParse(text, out var bytes)
            ? bytes
            : throw CliFailure.BadUsage($"{what} must be a size such as 2GiB, 512MiB, 5GB or a whole number of bytes, not '{text}'.");

    /// <summary>Binary units with one decimal (<c>8.0 GiB</c>); whole bytes below 1 KiB.</summary>
    public static string Format(long bytes)
    {
        var value = (double)bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < BinaryUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {BinaryUnits[unit]}");
    }

    [GeneratedRegex(@"^(?<number>\d+(?:\.\d+)?)\s*(?<unit>[A-Za-z]*)$")]
    private static partial Regex Grammar();
}
