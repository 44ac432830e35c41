using Microsoft.Azure.Functions.Worker;
using Orbit.Tenants.Signing;

namespace Orbit.Functions.Tenants;

/// <summary>
/// <c>GET /api/registry/certificate</c> (anonymous: it is public): the token issuer's certificate, PEM, for the
/// registry's <c>auth.token.rootcertbundle</c>. The first call on a new storage account creates the key.
/// </summary>
public sealed class GetRegistryCertificateFunction(TokenSigningKeyStore keys)
{
    [Function("GetRegistryCertificate")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/certificate")] HttpRequest request, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken);
        return Results.Text(key.CertificatePem, "application/x-pem-file");
    }
}
