using System.Text;
using Orbit.Tenants.Tokens;

namespace Orbit.Tenants.Tests.Tokens;

public sealed class BasicCredentialsTests
{
    [Fact]
    public void The_password_may_contain_colons()
    {
        Assert.True(BasicCredentials.TryParse(Basic("acme:pa:ss"), out var credentials));
        Assert.Equal("acme", credentials.Username);
        Assert.Equal("pa:ss", credentials.Password);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic not-base64!")]
    public void Anything_but_Basic_credentials_is_none(string? header) => Assert.False(BasicCredentials.TryParse(header, out _));

    [Fact]
    public void A_pair_without_a_username_is_none() => Assert.False(BasicCredentials.TryParse(Basic(":secret"), out _));

    [Fact]
    public void Printing_the_credentials_never_shows_the_password()
    {
        Assert.True(BasicCredentials.TryParse(Basic("acme:top-secret"), out var credentials));
        Assert.DoesNotContain("top-secret", credentials.ToString(), StringComparison.Ordinal);
    }

    private static string Basic(string pair) => $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(pair))}";
}
