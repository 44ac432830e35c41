using Microsoft.Azure.Functions.Worker;

namespace Orbit.TestFunctionApp.Http;

/// <summary><c>GET /api/public/echo</c>: anonymous, so it needs no key at all.</summary>
public sealed class PublicEchoFunction
{
    [Function("PublicEcho")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/echo")] HttpRequest request) =>
        Results.Ok(EchoResponse.From("PublicEcho", request, new Dictionary<string, string?>()));
}
