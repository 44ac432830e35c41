namespace Orbit.Tenants.Acr;

/// <summary>ARM's error envelope, <c>{"error": {"code", "message"}}</c>.</summary>
internal sealed record ArmErrorResponse(ArmError? Error);
