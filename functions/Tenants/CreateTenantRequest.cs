namespace Orbit.Functions.Tenants;

/// <summary>The body of <c>POST /api/tenants</c>; <c>rotateKey</c> gives an existing tenant a new key.</summary>
public sealed record CreateTenantRequest(string? Id, bool RotateKey = false);
