namespace Orbit.Quota.Workspaces;

public enum UsageLevel
{
    Ok,
    Warning,
    Critical,
}
