using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Tests.Keys;

public sealed class PresentedKeyTests
{
    [Fact]
    public void The_keys_are_the_x_functions_key_header_then_the_code_parameter_and_empty_ones_do_not_count()
    {
        Assert.Equal(["from-header", "from-query"], PresentedKey.From(Request("?code=from-query", "from-header")));
        Assert.Equal(["from-query"], PresentedKey.From(Request("?code=from-query", null)));
        Assert.Equal(["from-query"], PresentedKey.From(Request("?code=from-query", "")));
        Assert.Empty(PresentedKey.From(Request("?q=1", null)));
    }

    [Fact]
    public void A_caller_with_a_function_key_in_its_header_may_use_a_management_url_that_carries_the_system_key()
    {
        var keys = HostKeys.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Keys:Master"] = "master-key", ["Keys:Function:default"] = "function-key" })
            .Build());
        var system = keys.SystemKey(HostKeys.DurableTaskSystemKeyName)!;

        Assert.True(keys.AuthorizesSystem(HostKeys.DurableTaskSystemKeyName, PresentedKey.From(Request($"?code={system}", "function-key"))));
        Assert.False(keys.AuthorizesSystem(HostKeys.DurableTaskSystemKeyName, PresentedKey.From(Request("?code=function-key", "function-key"))));
    }

    private static HttpRequest Request(string query, string? header)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        if (header is not null)
        {
            context.Request.Headers[PresentedKey.HeaderName] = header;
        }

        return context.Request;
    }
}
