using Microsoft.Azure.Functions.Worker;

namespace Orbit.Functions.Health;

/// <summary><c>GET /api/health</c> (anonymous): 200 when storage answers and every listener of the app runs, else 503 with what is wrong.</summary>
public sealed class HealthFunction(AppHealth health)
{
    [Function("Health")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        var body = new
        {
            status = report.Healthy ? "healthy" : "unhealthy",
            storage = report.StorageReachable ? "reachable" : report.StorageError,
            listeners = report.Listeners.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
        };
        return Results.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
