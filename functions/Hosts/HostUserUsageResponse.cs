namespace Orbit.Functions.Hosts;

/// <summary>One user in <c>GET /api/hosts/{hostId}/usage</c>.</summary>
/// <param name="LimitBytes">The limit in force: the one set centrally when there is one, otherwise the one the agent reported.</param>
/// <param name="ReportedLimitBytes">The limit the agent enforced in its latest cycle.</param>
/// <param name="LimitSetCentrally">The limit was set with <c>PUT .../quota</c> (and reaches the agent with its next report's answer).</param>
/// <param name="Enforced">Only a positive limit is enforced; 0 is stored and shown, never enforced.</param>
public sealed record HostUserUsageResponse(
    string User, long UsedBytes, long ContainerBytes, long LayerBytes, int Containers, int Layers,
    long? LimitBytes, long? ReportedLimitBytes, bool LimitSetCentrally, bool Enforced, bool OverLimit, double PercentOfLimit);
