namespace Orbit.Tenants.Acr;

/// <summary>ARM's error detail: a stable code and a sentence for people.</summary>
internal sealed record ArmError(string? Code, string? Message);
