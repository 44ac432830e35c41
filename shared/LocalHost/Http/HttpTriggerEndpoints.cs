using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Orbit.LocalHost.Http;

/// <summary>
/// The HTTP functions as ASP.NET Core endpoints. They are known only once the worker has indexed its functions, after
/// the server is listening (the worker connects to it), so this source starts empty and publishes them then.
/// </summary>
public sealed class HttpTriggerEndpoints : EndpointDataSource
{
    private IReadOnlyList<Endpoint> endpoints = [];
    private CancellationTokenSource changes = new();

    public override IReadOnlyList<Endpoint> Endpoints => endpoints;

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(changes.Token);

    public void Publish(IEnumerable<HttpTriggerRoute> routes, Func<HttpContext, HttpTriggerRoute, Task> handle)
    {
        var functions = routes.ToList();
        endpoints = [.. functions.Select(route => FunctionEndpoint(route, handle)), .. functions.Where(route => route.Methods is not null).Select(route => route.Template).Distinct(StringComparer.OrdinalIgnoreCase).Select(UndeclaredMethodEndpoint)];

        var published = changes;
        changes = new CancellationTokenSource();
        published.Cancel();
    }

    private static Endpoint FunctionEndpoint(HttpTriggerRoute route, Func<HttpContext, HttpTriggerRoute, Task> handle)
    {
        var builder = new RouteEndpointBuilder(context => handle(context, route), RoutePatternFactory.Parse(route.Template), order: 0)
        {
            DisplayName = $"Function {route.Function}",
        };
        if (route.Methods is { } methods)
        {
            builder.Metadata.Add(new HttpMethodMetadata(methods));
        }

        return builder.Build();
    }

    /// <summary>
    /// A request to a function's route with a method no function there declares is not found, as Azure answers, rather than
    /// ASP.NET Core routing's 405: routing prefers the functions (order 0) and falls back to this one (any method, order 1).
    /// </summary>
    private static Endpoint UndeclaredMethodEndpoint(string template) =>
        new RouteEndpointBuilder(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }, RoutePatternFactory.Parse(template), order: 1)
        {
            DisplayName = $"No function for this method at {template}",
        }.Build();
}
