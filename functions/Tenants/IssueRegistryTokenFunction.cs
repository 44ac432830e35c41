using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Orbit.Tenants.Tokens;

namespace Orbit.Functions.Tenants;

/// <summary>
/// <c>GET /api/registry/token?service=&amp;scope=…</c> (anonymous at the host; Basic credentials checked here): the
/// registry's <c>auth.token.realm</c>. 401 with a Basic challenge for missing or wrong credentials.
/// </summary>
public sealed class IssueRegistryTokenFunction(RegistryTokenService tokens)
{
    [Function("IssueRegistryToken")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/token")] HttpRequest request, CancellationToken cancellationToken)
    {
        BasicCredentials.TryParse(request.Headers[HeaderNames.Authorization].ToString(), out var credentials);
        IssuedRegistryToken issued;
        try
        {
            issued = await tokens.IssueAsync(credentials, request.Query["service"].FirstOrDefault(), request.Query["scope"].ToArray(), cancellationToken);
        }
        catch (RegistryCredentialsRejectedException rejected)
        {
            throw TenantProblems.Unauthorized(request, rejected.Message);
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(RegistryTokenResponse.From(issued));
    }
}
