using Orbit.Cli.Output;

namespace Orbit.Cli.Ci;

/// <summary>
/// The free-disk boundaries between the tiers. Full needs more than <see cref="FullAboveBytes"/>; medium at least
/// <see cref="MediumFromBytes"/>; minimal at least <see cref="AbortBelowBytes"/>; less aborts.
/// </summary>
public sealed record TierThresholds(long FullAboveBytes, long MediumFromBytes, long AbortBelowBytes)
{
    public const long GiB = 1024L * 1024 * 1024;

    public static TierThresholds Default { get; } = new(8 * GiB, 5 * GiB, 2 * GiB);

    /// <summary>Null when the thresholds are in order (0 &lt;= abort &lt;= medium &lt;= full), else what is wrong.</summary>
    public string? Problem() =>
        AbortBelowBytes >= 0 && AbortBelowBytes <= MediumFromBytes && MediumFromBytes <= FullAboveBytes
            ? null
            : $"The thresholds must be ordered abort <= medium <= full; they are abort {ByteSize.Format(AbortBelowBytes)}, medium {ByteSize.Format(MediumFromBytes)}, full {ByteSize.Format(FullAboveBytes)}.";
}
