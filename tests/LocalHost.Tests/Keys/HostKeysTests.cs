using Microsoft.Extensions.Configuration;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Tests.Keys;

public sealed class HostKeysTests
{
    private const string Master = "master-7d1e";
    private const string HostKey = "host-ci-52aa";
    private const string LegacyHostKey = "legacy-default-90c3";
    private const string EchoKey = "echo-own-11f0";
    private const string LargeBodyKey = "large-own-a4b2";
    private const string SystemKey = HostKeys.DurableTaskSystemKeyName;

    private static readonly HostKeys Configured = Keys(new()
    {
        ["Keys:Master"] = Master,
        ["Keys:Host:ci"] = HostKey,
        ["Keys:Function:default"] = LegacyHostKey,
        ["Keys:Functions:Echo:own"] = EchoKey,
        ["Keys:Functions:LargeBody:own"] = LargeBodyKey,
    });

    [Theory]
    [InlineData("Echo")]
    [InlineData("LargeBody")]
    [InlineData("StartGreeting")]
    public void The_master_key_authorizes_every_function_at_function_and_admin_level(string function)
    {
        Assert.True(Configured.Authorizes(AuthorizationLevel.Function, function, Master));
        Assert.True(Configured.Authorizes(AuthorizationLevel.Admin, function, Master));
    }

    [Theory]
    [InlineData(HostKey)]
    [InlineData(LegacyHostKey)]
    public void Host_keys_and_legacy_Keys_Function_keys_authorize_every_function_at_function_level_but_not_admin(string key)
    {
        foreach (var function in new[] { "Echo", "LargeBody", "StartGreeting" })
        {
            Assert.True(Configured.Authorizes(AuthorizationLevel.Function, function, key), function);
            Assert.False(Configured.Authorizes(AuthorizationLevel.Admin, function, key), function);
        }
    }

    [Fact]
    public void A_function_key_authorizes_its_own_function_only_and_never_admin()
    {
        Assert.True(Configured.Authorizes(AuthorizationLevel.Function, "Echo", EchoKey));
        Assert.False(Configured.Authorizes(AuthorizationLevel.Function, "LargeBody", EchoKey));
        Assert.False(Configured.Authorizes(AuthorizationLevel.Function, "StartGreeting", EchoKey));
        Assert.False(Configured.Authorizes(AuthorizationLevel.Admin, "Echo", EchoKey));
        Assert.True(Configured.Authorizes(AuthorizationLevel.Function, "LargeBody", LargeBodyKey));
        Assert.False(Configured.Authorizes(AuthorizationLevel.Function, "Echo", LargeBodyKey));
    }

    [Fact]
    public void Function_names_match_whatever_their_case_as_Azure_Functions_names_do()
    {
        Assert.True(Configured.Authorizes(AuthorizationLevel.Function, "echo", EchoKey));
        Assert.True(Keys(new() { ["Keys:Functions:echo:own"] = EchoKey }).Authorizes(AuthorizationLevel.Function, "Echo", EchoKey));
    }

    [Theory]
    [InlineData("echo-own-11f")]
    [InlineData("echo-own-11f0 ")]
    [InlineData("ECHO-OWN-11F0")]
    [InlineData("master-7d1")]
    [InlineData("")]
    [InlineData(null)]
    public void Near_misses_and_missing_keys_are_refused(string? presented)
    {
        Assert.False(Configured.Authorizes(AuthorizationLevel.Function, "Echo", presented));
        Assert.False(Configured.Authorizes(AuthorizationLevel.Admin, "Echo", presented));
        Assert.False(Configured.AuthorizesSystem(SystemKey, presented));
    }

    [Fact]
    public void Anonymous_needs_no_key()
    {
        Assert.True(Configured.Authorizes(AuthorizationLevel.Anonymous, "Health", (string?)null));
        Assert.True(Keys([]).Authorizes(AuthorizationLevel.Anonymous, "Health", (string?)null));
    }

    [Fact]
    public void Without_a_system_key_setting_the_durabletask_key_is_derived_from_the_master_key_so_every_instance_agrees_on_it()
    {
        var derived = Configured.SystemKey(SystemKey);
        var sameMaster = Keys(new() { ["Keys:Master"] = Master }).SystemKey(SystemKey);
        var otherMaster = Keys(new() { ["Keys:Master"] = "another-master" }).SystemKey(SystemKey);

        Assert.False(string.IsNullOrEmpty(derived));
        Assert.Equal(derived, sameMaster);
        Assert.NotEqual(derived, otherMaster);
        Assert.NotEqual(Master, derived);
        Assert.DoesNotContain(Master, derived);
        // It travels in URLs as code=: nothing in it may need escaping.
        Assert.Equal(derived, Uri.EscapeDataString(derived!));
    }

    [Fact]
    public void A_configured_system_key_is_used_as_it_is()
    {
        var keys = Keys(new() { ["Keys:Master"] = Master, ["Keys:System:durabletask_extension"] = "system-set-3e9f" });

        Assert.Equal("system-set-3e9f", keys.SystemKey(SystemKey));
        Assert.True(keys.AuthorizesSystem(SystemKey, "system-set-3e9f"));
    }

    [Fact]
    public void The_durabletask_webhooks_take_the_master_key_or_the_system_key_and_no_host_or_function_key()
    {
        Assert.True(Configured.AuthorizesSystem(SystemKey, Master));
        Assert.True(Configured.AuthorizesSystem(SystemKey, Configured.SystemKey(SystemKey)));
        Assert.False(Configured.AuthorizesSystem(SystemKey, HostKey));
        Assert.False(Configured.AuthorizesSystem(SystemKey, LegacyHostKey));
        Assert.False(Configured.AuthorizesSystem(SystemKey, EchoKey));
    }

    [Fact]
    public void The_system_key_is_not_a_host_key_it_reaches_no_function()
    {
        var system = Configured.SystemKey(SystemKey);

        Assert.False(Configured.Authorizes(AuthorizationLevel.Function, "Echo", system));
        Assert.False(Configured.Authorizes(AuthorizationLevel.Admin, "AdminEcho", system));
    }

    [Fact]
    public void With_no_key_configured_nothing_above_anonymous_is_reachable_and_there_is_no_system_key()
    {
        var none = Keys([]);

        Assert.False(none.HasMasterKey);
        Assert.Null(none.SystemKey(SystemKey));
        foreach (var presented in new[] { null, "", "anything" })
        {
            Assert.False(none.Authorizes(AuthorizationLevel.Function, "Echo", presented));
            Assert.False(none.Authorizes(AuthorizationLevel.Admin, "Echo", presented));
            Assert.False(none.AuthorizesSystem(SystemKey, presented));
        }
    }

    [Fact]
    public void Empty_configured_keys_are_no_keys_an_empty_presented_key_matches_none_of_them()
    {
        var blank = Keys(new()
        {
            ["Keys:Master"] = "",
            ["Keys:Host:ci"] = "",
            ["Keys:Function:default"] = "",
            ["Keys:Functions:Echo:own"] = "",
            ["Keys:System:durabletask_extension"] = "",
        });

        Assert.False(blank.HasMasterKey);
        Assert.Null(blank.SystemKey(SystemKey));
        Assert.False(blank.Authorizes(AuthorizationLevel.Function, "Echo", ""));
        Assert.False(blank.Authorizes(AuthorizationLevel.Admin, "Echo", ""));
        Assert.False(blank.AuthorizesSystem(SystemKey, ""));
    }

    private static HostKeys Keys(Dictionary<string, string?> settings) =>
        HostKeys.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
