namespace Orbit.Hosts.Enforcement;

/// <summary>An over-quota user's outcome in a plan.</summary>
/// <param name="ProjectedBytes">The user's usage once the plan's removals are done.</param>
/// <param name="ReachesLimit">
/// False when removing every container of the user is still not enough: the rest is image layers, which enforcement
/// does not delete.
/// </param>
public sealed record UserEnforcement(string User, long UsedBytes, long LimitBytes, long ProjectedBytes, bool ReachesLimit, int Removals);
