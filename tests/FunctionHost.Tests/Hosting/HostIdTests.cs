using Microsoft.Extensions.Configuration;
using Orbit.FunctionHost.Hosting;

namespace Orbit.FunctionHost.Tests.Hosting;

public sealed class HostIdTests
{
    [Fact]
    public void Without_a_setting_the_id_comes_from_the_application_name()
    {
        Assert.Equal("orbit-functions", HostId.FromConfiguration(Empty(), "Orbit.Functions"));
    }

    [Fact]
    public void The_setting_wins_and_long_ids_are_cut_to_32_characters()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HostId.SettingName] = "orbit-prod",
        }).Build();

        Assert.Equal("orbit-prod", HostId.FromConfiguration(configuration, "ignored"));
        Assert.Equal(32, HostId.FromConfiguration(Empty(), new string('a', 40)).Length);
    }

    [Fact]
    public void An_invalid_configured_id_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HostId.SettingName] = "Orbit Prod!",
        }).Build();

        Assert.Throws<InvalidOperationException>(() => HostId.FromConfiguration(configuration, "x"));
    }

    private static IConfiguration Empty() => new ConfigurationBuilder().Build();
}
