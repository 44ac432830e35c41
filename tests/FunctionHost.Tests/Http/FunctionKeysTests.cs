using Orbit.FunctionHost.Http;

namespace Orbit.FunctionHost.Tests.Http;

public sealed class FunctionKeysTests
{
    private static readonly FunctionKeys Configured = new("master-key", ["function-key", "other-function-key"]);

    [Theory]
    [InlineData(AuthorizationLevel.Function)]
    [InlineData(AuthorizationLevel.Admin)]
    public void No_key_configured_authorizes_nothing_but_anonymous(AuthorizationLevel level)
    {
        var none = new FunctionKeys(null, []);

        Assert.False(none.Authorizes(level, null));
        Assert.False(none.Authorizes(level, ""));
        Assert.False(none.Authorizes(level, "anything"));
        Assert.True(none.Authorizes(AuthorizationLevel.Anonymous, null));
    }

    [Fact]
    public void Empty_configured_keys_do_not_match_an_empty_presented_key()
    {
        var blank = new FunctionKeys("", [""]);

        Assert.False(blank.Authorizes(AuthorizationLevel.Function, ""));
        Assert.False(blank.Authorizes(AuthorizationLevel.Admin, ""));
    }

    [Theory]
    [InlineData("function-key", true)]
    [InlineData("other-function-key", true)]
    [InlineData("master-key", true)]
    [InlineData("function-ke", false)]
    [InlineData("function-key ", false)]
    [InlineData("FUNCTION-KEY", false)]
    [InlineData(null, false)]
    public void Function_level_takes_any_function_key_or_the_master_key(string? presented, bool authorized) =>
        Assert.Equal(authorized, Configured.Authorizes(AuthorizationLevel.Function, presented));

    [Theory]
    [InlineData("master-key", true)]
    [InlineData("function-key", false)]
    [InlineData("other-function-key", false)]
    [InlineData("wrong", false)]
    public void Admin_level_takes_only_the_master_key(string presented, bool authorized) =>
        Assert.Equal(authorized, Configured.Authorizes(AuthorizationLevel.Admin, presented));
}
