using Microsoft.AspNetCore.Http;

namespace Orbit.FunctionHost.Http;

/// <summary>An HTTP-triggered function: one handler taking the request, as in the isolated worker.</summary>
public interface IHttpFunction
{
    Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken);
}
