using Microsoft.Azure.Functions.Worker;

namespace Orbit.TestFunctionApp.Http;

/// <summary>
/// <c>GET|POST /api/echo/{name}/{id?}</c> (function level; id must be an integer): answers with what reached the
/// worker (route values, query, method, whether a key header came along), so the tests see what the host forwarded.
/// </summary>
public sealed class EchoFunction
{
    [Function("Echo")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "echo/{name}/{id:int?}")] HttpRequest request,
        string name,
        int? id) =>
        Results.Ok(EchoResponse.From("Echo", request, new Dictionary<string, string?> { ["name"] = name, ["id"] = id?.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
}
