using Microsoft.Azure.Functions.Worker;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;

namespace Orbit.Functions.Tenants;

/// <summary>
/// <c>POST /api/tenants/{id}/registry-token</c> (tenant key): a short-lived registry password for pull and push of
/// this tenant's repository only, from our issuer or from ACR (<c>Tenants:RegistryKind</c>). Writes nothing here.
/// </summary>
public sealed class IssueRegistryPasswordFunction(TenantAuthentication authentication, ITenantRegistryCredentials credentials)
{
    [Function("IssueRegistryPassword")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tenants/{id}/registry-token")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = TenantProblems.TenantIdFrom(request.RouteValues["id"] as string);
        var tenant = await TenantCaller.AuthenticateAsync(request, id, authentication, cancellationToken);
        var credential = await credentials.IssueAsync(tenant, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new RegistryPasswordResponse(credential.Registry, credential.Username, credential.Password, credential.Repository, credential.Tag, credential.ExpiresAt));
    }
}
