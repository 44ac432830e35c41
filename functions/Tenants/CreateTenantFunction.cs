using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;

namespace Orbit.Functions.Tenants;

/// <summary>
/// <c>POST /api/tenants</c> <c>{id, rotateKey?}</c> (admin key): 201 with the new tenant's key (shown this once);
/// 200 without a key when the tenant already exists (or with a new one when <c>rotateKey</c> is true);
/// 409 when the tenant was deleted (ids are not reused).
/// </summary>
public sealed class CreateTenantFunction(TenantRegistration registration, TenantImageLayout layout)
{
    [Function("CreateTenant")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "tenants")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequestBody.ReadAsync<CreateTenantRequest>(request, cancellationToken, maxBytes: 1024);
        var id = TenantProblems.TenantIdFrom(body.Id);
        var creation = await registration.CreateAsync(id, body.RotateKey, cancellationToken);
        var response = TenantResponse.From(creation.Tenant, creation.Key, layout);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return creation.Outcome == TenantCreationOutcome.Created ? Results.Created((string?)null, response) : Results.Ok(response);
    }
}
