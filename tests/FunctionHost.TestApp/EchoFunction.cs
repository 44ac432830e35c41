using Orbit.FunctionHost.Http;

namespace Orbit.FunctionHost.TestApp;

/// <summary>Answers 200 with its name, so the key tests see whether the request got through.</summary>
public sealed class EchoFunction : IHttpFunction
{
    public Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Results.Ok(new { path = request.Path.Value }));
}
