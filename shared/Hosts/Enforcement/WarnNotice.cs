namespace Orbit.Hosts.Enforcement;

/// <summary>A user reached the warn level of their limit since the last cycle: warn them once.</summary>
public sealed record WarnNotice(string User, long UsedBytes, long LimitBytes, double PercentOfLimit, int WarnPercent, string Message);
