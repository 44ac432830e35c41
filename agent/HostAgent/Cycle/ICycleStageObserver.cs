namespace Orbit.HostAgent.Cycle;

/// <summary>Told when a cycle reaches a stage; lets a test stop a cycle exactly where a crash would.</summary>
public interface ICycleStageObserver
{
    void Reached(CycleStage stage);
}
