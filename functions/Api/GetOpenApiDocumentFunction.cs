using Microsoft.Azure.Functions.Worker;

namespace Orbit.Functions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c> (anonymous): the OpenAPI 3.1 document of every route, kept in the repository as
/// functions/openapi.json and built into the app, so what is served is what was reviewed.
/// </summary>
public sealed class GetOpenApiDocumentFunction
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(GetOpenApiDocumentFunction).Assembly.GetManifestResourceStream("Orbit.Functions.openapi.json")
            ?? throw new InvalidOperationException("The app was built without its openapi.json.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    [Function("GetOpenApiDocument")]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Results.Bytes(Document.Value, "application/json"));
}
