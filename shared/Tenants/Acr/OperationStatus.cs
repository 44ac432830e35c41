namespace Orbit.Tenants.Acr;

/// <summary>The body of an <c>Azure-AsyncOperation</c> poll: InProgress, Succeeded, Failed or Canceled.</summary>
internal sealed record OperationStatus(string? Status, ArmError? Error);
