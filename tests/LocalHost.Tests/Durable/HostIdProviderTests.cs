using System.Text.RegularExpressions;
using CsCheck;
using Orbit.LocalHost.Durable;

namespace Orbit.LocalHost.Tests.Durable;

public sealed partial class HostIdProviderTests
{
    [Fact]
    public void A_configured_host_id_is_used_as_it_is()
    {
        Assert.Equal("orbit-prod", HostIdProvider.From(" orbit-prod ", "Orbit.Functions"));
    }

    [Theory]
    [InlineData("Orbit.TestFunctionApp", "orbittestfunctionapp")]
    [InlineData("orbit-functions", "orbit-functions")]
    [InlineData("-Leading.And.Trailing-", "leadingandtrailing")]
    [InlineData("...", "functions")]
    [InlineData("", "functions")]
    public void Without_a_setting_the_id_is_derived_from_the_app_name(string appName, string hostId)
    {
        Assert.Equal(hostId, HostIdProvider.From(null, appName));
        Assert.Equal(hostId, HostIdProvider.From("  ", appName));
    }

    [Fact]
    public void A_derived_id_is_at_most_32_lowercase_letters_digits_and_dashes_whatever_the_app_is_called()
    {
        // It names blobs and lock paths in the shared storage account, as the Functions host's id does.
        Gen.String[Gen.Char["abcXYZ09-._ "], 0, 60].Sample(appName =>
        {
            var hostId = HostIdProvider.From(null, appName);
            Assert.True(DerivedHostId().IsMatch(hostId), $"'{appName}' gave the host id '{hostId}'");
            Assert.Equal(hostId, HostIdProvider.From(null, appName));
        });
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex DerivedHostId();
}
