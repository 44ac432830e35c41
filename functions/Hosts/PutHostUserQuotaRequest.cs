namespace Orbit.Functions.Hosts;

/// <summary>The body of <c>PUT /api/hosts/{hostId}/users/{user}/quota</c>: bytes, 0 or more (0 is stored and never enforced).</summary>
public sealed record PutHostUserQuotaRequest(long LimitBytes);
