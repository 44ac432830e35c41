using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Orbit.FunctionHost.Http;

/// <summary>Checks the key sent as <c>x-functions-key</c> or <c>?code=</c> before the function runs.</summary>
internal sealed class FunctionKeyFilter(AuthorizationLevel level, FunctionKeys keys) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = request.Headers.TryGetValue(HeaderName, out var header) && !StringValues.IsNullOrEmpty(header)
            ? header.ToString()
            : request.Query["code"].ToString();

        if (!keys.Authorizes(level, presented))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: level == AuthorizationLevel.Admin
                    ? $"This function needs the master key (Keys:Master), sent in the {HeaderName} header or the code query parameter."
                    : $"This function needs a function key (Keys:Function:<name>) or the master key, sent in the {HeaderName} header or the code query parameter.");
        }

        return await next(context);
    }
}
