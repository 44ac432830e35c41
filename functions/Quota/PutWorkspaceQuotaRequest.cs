namespace Orbit.Functions.Quota;

/// <summary>The body of <c>PUT /api/internal/workspaces/{id}/quota</c>; thresholds left out keep their defaults (70/80/70/90).</summary>
public sealed record PutWorkspaceQuotaRequest(long QuotaBytes, int? WarnPercent = null, int? TriggerPercent = null, int? TargetPercent = null, int? CriticalPercent = null);
