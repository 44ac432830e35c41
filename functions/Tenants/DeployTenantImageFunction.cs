using Microsoft.Azure.Functions.Worker;
using Orbit.Functions.Http;
using Orbit.Tenants.Deploy;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Storage;

namespace Orbit.Functions.Tenants;

/// <summary>
/// <c>POST /api/tenants/{id}/deploy</c> <c>{image}</c> (tenant key): 400 with the expected image when the image is
/// malformed or not the tenant's; 404 when it is not in the registry; else 200 with the digest to deploy, which the
/// tenants table keeps as the tenant's last deploy (the dashboard shows it).
/// </summary>
public sealed class DeployTenantImageFunction(TenantAuthentication authentication, TenantDeployment deployment, TenantStore tenants, TimeProvider time)
{
    [Function("DeployTenantImage")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tenants/{id}/deploy")] HttpRequest request, CancellationToken cancellationToken)
    {
        var id = TenantProblems.TenantIdFrom(request.RouteValues["id"] as string);
        var tenant = await TenantCaller.AuthenticateAsync(request, id, authentication, cancellationToken);
        var body = await JsonRequestBody.ReadAsync<DeployRequest>(request, cancellationToken, maxBytes: 2048);
        var resolution = await deployment.ResolveAsync(tenant, body.Image, cancellationToken);
        await tenants.RecordDeployAsync(tenant.Id, new TenantDeployPin(resolution.Image.ToString(), resolution.Digest, resolution.Pinned.ToString(), time.GetUtcNow()), cancellationToken);
        return Results.Ok(new DeployResponse(resolution.Image.ToString(), resolution.Digest.Value, resolution.Pinned.ToString()));
    }
}
