using Microsoft.AspNetCore.Http;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Tests.Keys;

public sealed class PresentedKeyTests
{
    [Fact]
    public void The_key_comes_from_the_x_functions_key_header_before_the_code_parameter()
    {
        Assert.Equal("from-header", PresentedKey.From(Request("?code=from-query", "from-header")));
        Assert.Equal("from-query", PresentedKey.From(Request("?code=from-query", null)));
        Assert.Equal("from-query", PresentedKey.From(Request("?code=from-query", "")));
        Assert.Null(PresentedKey.From(Request("?q=1", null)));
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
