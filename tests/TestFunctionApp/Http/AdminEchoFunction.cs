using Microsoft.Azure.Functions.Worker;

namespace Orbit.TestFunctionApp.Http;

/// <summary><c>GET /api/admin/echo</c>: admin level, so only the master key reaches it.</summary>
public sealed class AdminEchoFunction
{
    [Function("AdminEcho")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin/echo")] HttpRequest request) =>
        Results.Ok(EchoResponse.From("AdminEcho", request, new Dictionary<string, string?>()));
}
