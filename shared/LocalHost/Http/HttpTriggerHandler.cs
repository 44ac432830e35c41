using Microsoft.AspNetCore.Http;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;
using Orbit.LocalHost.Keys;

namespace Orbit.LocalHost.Http;

/// <summary>
/// Serves a request for an HTTP function: checks the key for the function's level, then calls the function through
/// WebJobs (so its other input bindings, such as a Durable client, are bound) with the request parked for the
/// invocation to forward to the worker.
/// </summary>
public sealed class HttpTriggerHandler(HostKeys keys, HttpInvocations invocations, ILogger<HttpTriggerHandler> logger)
{
    public async Task HandleAsync(HttpContext context, HttpTriggerRoute route, IJobHost jobHost)
    {
        if (!keys.Authorizes(route.Level, route.Function, PresentedKey.From(context.Request)))
        {
            await LocalHostProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", route.Level == AuthorizationLevel.Admin
                ? $"Function {route.Function} needs the master key (Keys:Master), sent in the {PresentedKey.HeaderName} header or the code query parameter."
                : $"Function {route.Function} needs one of its function keys (Keys:Functions:{route.Function}:<name>), a host key (Keys:Host:<name>, or Keys:Function:<name>) or the master key, sent in the {PresentedKey.HeaderName} header or the code query parameter.");
            return;
        }

        var routeValues = context.Request.RouteValues
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture)!);
        var key = invocations.Park(new HttpInvocation(context, routeValues));
        try
        {
            await jobHost.CallAsync(route.Function, new Dictionary<string, object?> { [route.TriggerParameter] = key }, context.RequestAborted);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(exception, "Function {Function} failed before it answered.", route.Function);
            await LocalHostProblems.WriteAsync(context, StatusCodes.Status500InternalServerError, "The function failed", $"Function {route.Function} failed before it answered; the host's log has the details.");
        }
        finally
        {
            invocations.Forget(key);
        }
    }
}
