using Microsoft.AspNetCore.Http;
using Orbit.FunctionHost.Http;

namespace Orbit.FunctionHost.Health;

/// <summary><c>GET /api/health</c>: 200 when storage answers and every listener runs, else 503 with what is wrong.</summary>
public sealed class HealthFunction(HostHealth health) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
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
