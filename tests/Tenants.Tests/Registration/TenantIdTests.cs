using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Tests.Registration;

public sealed class TenantIdTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("tenant-42")]
    [InlineData("a--b")]
    [InlineData("123")]
    public void Lowercase_letters_digits_and_inner_hyphens_are_tenant_ids(string text) => Assert.True(TenantId.TryParse(text, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Tenant")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a_b_c")]
    [InlineData("a.bc")]
    [InlineData("abc/def")]
    public void Anything_else_is_refused(string? text) => Assert.False(TenantId.TryParse(text, out _));

    [Fact]
    public void Sixty_three_characters_are_allowed_sixty_four_are_not()
    {
        Assert.True(TenantId.TryParse(new string('a', 63), out _));
        Assert.False(TenantId.TryParse(new string('a', 64), out _));
    }
}
