using Microsoft.Net.Http.Headers;
using Orbit.Functions.Http;
using Orbit.Tenants.Acr;
using Orbit.Tenants.Deploy;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Tokens;

namespace Orbit.Functions.Tenants;

/// <summary>Turns request values and the tenant library's refusals into problem details a caller can act on.</summary>
internal static class TenantProblems
{
    public static TenantId TenantIdFrom(string? text) =>
        TenantId.TryParse(text, out var id) ? id : throw ProblemException.BadRequest($"'{text}' is not a tenant id: {TenantId.Rule}.");

    /// <summary>A 401 with a Basic challenge, the same for every reason, so a caller cannot tell an unknown tenant from a wrong key.</summary>
    public static ProblemException Unauthorized(HttpRequest request, string detail)
    {
        request.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"orbit\", charset=\"UTF-8\"";
        return new ProblemException(401, "Unauthorized", detail);
    }

    public static ProblemException? From(Exception exception) => exception switch
    {
        TenantDeletedException deleted => new ProblemException(409, "Conflict", deleted.Message),
        ReservedTenantIdException reserved => ProblemException.BadRequest(reserved.Message),
        ImageReferenceRejectedException rejected => new ProblemException(400, "Bad request", rejected.Message, new Dictionary<string, object?> { ["expectedImage"] = rejected.Expected.ToString() }),
        TenantImageNotFoundException missing => ProblemException.NotFound(missing.Message),
        InvalidTokenRequestException invalid => ProblemException.BadRequest(invalid.Message),
        AcrRequestFailedException acr => FromAcr(acr),
        _ => null,
    };

    // The tenant can only retry later; ARM's message (subscription, the service's identity, RBAC) is for the operator's log only.
    private static ProblemException FromAcr(AcrRequestFailedException failure) => new(
        failure.IsTransient ? 503 : 502,
        failure.IsTransient ? "Service unavailable" : "Bad gateway",
        failure.IsTransient
            ? "Azure Container Registry is throttling or unavailable; try again shortly."
            : $"Azure Container Registry refused to issue the credentials ({failure.ErrorCode ?? "no error code"}); the service's operator has the details in its log.",
        new Dictionary<string, object?> { ["armStatus"] = (int)failure.Status, ["armCode"] = failure.ErrorCode });
}
