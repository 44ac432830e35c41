namespace Orbit.Hosts.Central;

/// <summary>What became of one planned removal.</summary>
public enum EnforcementOutcome
{
    /// <summary>Stopped if running, then removed.</summary>
    Removed,

    /// <summary>A dry run: reported, not done.</summary>
    Planned,

    /// <summary>Docker refused or failed; the action's error says why.</summary>
    Failed,
}
