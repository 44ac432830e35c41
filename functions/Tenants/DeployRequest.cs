namespace Orbit.Functions.Tenants;

/// <summary>The body of <c>POST /api/tenants/{id}/deploy</c>: the image to deploy, which must be the tenant's own.</summary>
public sealed record DeployRequest(string? Image);
