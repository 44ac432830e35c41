using Orbit.FunctionHost.Http;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;

namespace Orbit.Functions.Tenants;

/// <summary><c>DELETE /api/tenants/{id}</c> (admin key): marks the tenant deleted (200, also when it already was); 404 for an unknown tenant.</summary>
public sealed class DeleteTenantFunction(TenantRegistration registration, TenantImageLayout layout) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var id = TenantProblems.TenantIdFrom(request.RouteValues["id"] as string);
        var tenant = await registration.DeleteAsync(id, cancellationToken)
            ?? throw ProblemException.NotFound($"There is no tenant '{id}'.");
        return Results.Ok(TenantResponse.From(tenant, null, layout));
    }
}
