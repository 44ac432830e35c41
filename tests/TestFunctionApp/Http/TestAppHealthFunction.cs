using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Orbit.ServiceBus;

namespace Orbit.TestFunctionApp.Http;

/// <summary><c>GET /api/health</c> (anonymous): 200 once storage answers and every listener the app runs itself is running; the fixtures wait on it.</summary>
public sealed class TestAppHealthFunction(TableServiceClient tables, ListenerStates listenerStates)
{
    [Function("Health")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        await tables.GetPropertiesAsync(cancellationToken);
        var listeners = listenerStates.Snapshot();
        var running = listeners.Values.All(state => state == ListenerState.Running);
        return Results.Json(
            new { status = running ? "healthy" : "unhealthy", listeners = listeners.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()) },
            statusCode: running ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
