using Microsoft.Extensions.Configuration;
using Orbit.FunctionHost.Hosting;

namespace Orbit.FunctionHost.Tests.Hosting;

public sealed class AppSettingExpressionTests
{
    private static readonly IConfiguration Settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["WorkQueue"] = "work-items",
        ["Cleanup:Schedule"] = "0 0 * * * *",
    }).Build();

    [Theory]
    [InlineData("%WorkQueue%", "work-items")]
    [InlineData("%WorkQueue%-poison", "work-items-poison")]
    [InlineData("%Cleanup__Schedule%", "0 0 * * * *")]
    [InlineData("literal-name", "literal-name")]
    public void Settings_in_percent_signs_are_replaced_by_their_values(string expression, string expected) =>
        Assert.Equal(expected, AppSettingExpression.Resolve(expression, Settings));

    [Fact]
    public void A_setting_that_is_not_set_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AppSettingExpression.Resolve("%Missing%", Settings));
        Assert.Contains("'Missing'", error.Message);
    }
}
