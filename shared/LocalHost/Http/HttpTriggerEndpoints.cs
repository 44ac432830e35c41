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
        endpoints = routes.Select(route =>
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
        }).ToList();

        var published = changes;
        changes = new CancellationTokenSource();
        published.Cancel();
    }
}
