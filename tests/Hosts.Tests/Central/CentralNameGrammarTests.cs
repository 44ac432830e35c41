using Orbit.Hosts.Central;

namespace Orbit.Hosts.Tests.Central;

public sealed class CentralNameGrammarTests
{
    [Theory]
    [InlineData("build-01", true)]
    [InlineData("b", true)]
    [InlineData("build-01.eu.example.com", true)]
    [InlineData("Build-01", false)]
    [InlineData("-build", false)]
    [InlineData("build-", false)]
    [InlineData("build_01", false)]
    [InlineData("build/01", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Host_ids_are_lowercase_dns_like_names(string? text, bool valid)
    {
        Assert.Equal(valid, HostId.IsValid(text));
        Assert.True(HostId.IsValid(new string('a', 63)));
        Assert.False(HostId.IsValid(new string('a', 64)));
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("_apt", true)]
    [InlineData("svc.build-bot", true)]
    [InlineData("Alice", true)]
    [InlineData("uid:1234", true)]
    [InlineData("uid:", false)]
    [InlineData("uid:12345678901", false)]
    [InlineData("-alice", false)]
    [InlineData(".alice", false)]
    [InlineData("a|b", false)]
    [InlineData("a/b", false)]
    [InlineData("a#b", false)]
    [InlineData("", false)]
    public void Host_user_names_are_passwd_names_or_a_uid(string text, bool valid)
    {
        Assert.Equal(valid, HostUserName.IsValid(text));
        Assert.True(HostUserName.IsValid(new string('a', 32)));
        Assert.False(HostUserName.IsValid(new string('a', 33)));
    }
}
