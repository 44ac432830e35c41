using Orbit.FunctionHost.Http;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Passwords;
using Orbit.Tenants.Registration;

namespace Orbit.Functions.Tenants;

/// <summary>
/// <c>POST /api/tenants/{id}/registry-token</c> (tenant key): a short-lived registry password, good at the token
/// issuer for pull and push of this tenant's repository only. Writes nothing.
/// </summary>
public sealed class IssueRegistryPasswordFunction(TenantAuthentication authentication, RegistryPasswords passwords, TenantImageLayout layout) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var id = TenantProblems.TenantIdFrom(request.RouteValues["id"] as string);
        var tenant = await TenantCaller.AuthenticateAsync(request, id, authentication, cancellationToken);
        var password = await passwords.IssueAsync(tenant, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new RegistryPasswordResponse(layout.RegistryHost, tenant.Id.Value, password.Password, tenant.Repository.Value, layout.Tag.Value, password.ExpiresAt));
    }
}
