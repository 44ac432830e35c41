namespace Orbit.Functions.Hosts;

/// <summary>The answer to <c>PUT /api/hosts/{hostId}/users/{user}/quota</c>.</summary>
/// <param name="Enforced">False for a limit of 0: stored, shown, never enforced.</param>
public sealed record HostUserQuotaResponse(string HostId, string User, long LimitBytes, bool Enforced);
