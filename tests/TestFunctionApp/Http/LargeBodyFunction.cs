using System.Security.Cryptography;
using Microsoft.Azure.Functions.Worker;

namespace Orbit.TestFunctionApp.Http;

/// <summary>
/// <c>POST /api/large</c> (function level): answers with the request's body as it arrived, and its length and SHA-256
/// in headers, so a large body is seen to cross the host both ways unchanged.
/// </summary>
public sealed class LargeBodyFunction
{
    [Function("LargeBody")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "large")] HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var bytes = body.ToArray();
        request.HttpContext.Response.Headers["x-body-length"] = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.HttpContext.Response.Headers["x-body-sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return Results.Bytes(bytes, "application/octet-stream");
    }
}
