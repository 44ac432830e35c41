using CsCheck;
using Orbit.Functions.Dashboard;
using Orbit.Quota.Workspaces;

namespace Orbit.Dashboard.Tests.Pure;

public sealed class QuotaBannerTests
{
    private static readonly WorkspaceId Workspace = WorkspaceId.TryParse("team-a", out var id) ? id : throw new InvalidOperationException();

    [Theory]
    [InlineData(6_990, 10_000, null, null)]
    [InlineData(7_000, 10_000, "Registry Usage Warning", "Using 6.8 KiB of 9.8 KiB (70%).")]
    [InlineData(8_990, 10_000, "Registry Usage Warning", "Using 8.8 KiB of 9.8 KiB (89.9%).")]
    [InlineData(9_000, 10_000, "Registry Almost Full", "Using 8.8 KiB of 9.8 KiB (90%).")]
    [InlineData(7L << 30, 10L << 30, "Registry Usage Warning", "Using 7 GiB of 10 GiB (70%).")]
    [InlineData(11L << 30, 10L << 30, "Registry Almost Full", "Using 11 GiB of 10 GiB (110%).")]
    public void The_banner_has_the_seeds_title_and_description_at_the_edges_of_its_levels(long used, long quota, string? title, string? description)
    {
        var banner = QuotaBanner.For(new WorkspaceUsage(Workspace, new QuotaPolicy(quota), used, 1));
        Assert.Equal(title, banner?.Title);
        Assert.Equal(description, banner?.Description);
    }

    [Fact]
    public void A_banner_shows_from_the_warn_percent_and_is_destructive_from_the_critical_percent_whatever_the_policy()
    {
        Gen.Select(Gen.Long[1, 1L << 50], Gen.Double[0, 1.5], Gen.Int[1, 100], Gen.Int[0, 100]).Sample((quota, share, warn, above) =>
        {
            var critical = Math.Min(100, warn + above);
            var usage = new WorkspaceUsage(Workspace, new QuotaPolicy(quota, WarnPercent: warn, CriticalPercent: critical), (long)(quota * share), 1);
            var banner = QuotaBanner.For(usage);
            var expected = usage.Percentage >= critical ? QuotaBannerLevel.Destructive : usage.Percentage >= warn ? QuotaBannerLevel.Warning : (QuotaBannerLevel?)null;
            return banner?.Level == expected
                && (banner is null || banner.Description == $"Using {Orbit.Quota.Cleanup.ByteSize.Format(usage.UsedBytes)} of {Orbit.Quota.Cleanup.ByteSize.Format(quota)} ({QuotaBanner.PercentText(usage.Percentage)}%).");
        });
    }

    [Fact]
    public void The_percentage_prints_as_the_shortest_number_that_reads_back_as_itself()
    {
        Gen.Double[0, 1000].Select(value => Math.Round(value, 2)).Sample(percent =>
            double.Parse(QuotaBanner.PercentText(percent), System.Globalization.CultureInfo.InvariantCulture) == percent
            && !QuotaBanner.PercentText(percent).EndsWith(".0", StringComparison.Ordinal));
    }

    [Fact]
    public void Any_text_in_a_hole_of_markup_never_opens_a_tag_or_leaves_its_attribute()
    {
        // Printable characters of the basic plane below the surrogates (control characters and lone surrogates are not text).
        Gen.Char[' ', '\uD7FF'].Array.Select(characters => new string(characters)).Sample(text =>
        {
            var markup = Html.Of($"<p title=\"{text}\">{text}</p>").Value;
            var inner = markup["<p title=\"".Length..^"</p>".Length];
            return inner.IndexOf('<') < 0 && inner.Count(character => character == '>') == 1 && inner.Count(character => character == '"') == 1;
        });
    }
}
