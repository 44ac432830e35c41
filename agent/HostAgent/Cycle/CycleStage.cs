namespace Orbit.HostAgent.Cycle;

/// <summary>The points of a cycle an observer is told about, in order.</summary>
public enum CycleStage
{
    Read,
    Attributed,
    Enforced,
    Reported,
    Checkpointed,
}
