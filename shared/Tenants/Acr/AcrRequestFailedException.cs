using System.Net;

namespace Orbit.Tenants.Acr;

/// <summary>ARM refused or failed a registry call; carries ARM's own error code and message, never a credential.</summary>
public sealed class AcrRequestFailedException(HttpStatusCode status, string? errorCode, string errorMessage)
    : Exception($"Azure Resource Manager answered {(int)status} {errorCode ?? status.ToString()}: {errorMessage}")
{
    public HttpStatusCode Status { get; } = status;

    public string? ErrorCode { get; } = errorCode;

    public string ErrorMessage { get; } = errorMessage;

    /// <summary>Throttling or an outage that may pass, as opposed to a refusal that needs someone to act.</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        || (Status == HttpStatusCode.InternalServerError && ErrorCode is null);
}
