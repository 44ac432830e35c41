using System.Globalization;
using Orbit.Quota.Cleanup;
using Orbit.Quota.Workspaces;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// The seed's registry quota warning (its <c>RegistryQuotaWarning</c> component): nothing below the warn level (70 %
/// by default), "Registry Usage Warning" from it, "Registry Almost Full" from the critical level (90 %), each saying
/// "Using X of Y (Z%)." with the bytes in human units and the percentage as the usage API gives it.
/// </summary>
public sealed record QuotaBanner(QuotaBannerLevel Level, string Title, string Description)
{
    public const string WarningTitle = "Registry Usage Warning";
    public const string DestructiveTitle = "Registry Almost Full";

    /// <summary>The banner for this usage; null below the warn level.</summary>
    public static QuotaBanner? For(WorkspaceUsage usage)
    {
        var level = usage.Level switch
        {
            UsageLevel.Critical => QuotaBannerLevel.Destructive,
            UsageLevel.Warning => QuotaBannerLevel.Warning,
            _ => (QuotaBannerLevel?)null,
        };
        return level is { } shown
            ? new QuotaBanner(shown, shown == QuotaBannerLevel.Destructive ? DestructiveTitle : WarningTitle, DescriptionOf(usage))
            : null;
    }

    /// <summary>"Using 7 GiB of 10 GiB (70%)."</summary>
    public static string DescriptionOf(WorkspaceUsage usage) =>
        $"Using {ByteSize.Format(usage.UsedBytes)} of {ByteSize.Format(usage.Policy.QuotaBytes)} ({PercentText(usage.Percentage)}%).";

    /// <summary>The percentage as a number prints in the seed (shortest form: "70", "89.9", "73.33").</summary>
    public static string PercentText(double percentage) => percentage.ToString(CultureInfo.InvariantCulture);
}
