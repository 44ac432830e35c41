namespace Orbit.Quota.Tests.Builds.Replay;

/// <summary>
/// One thing an orchestrator did in an episode: called an activity (its input as JSON), created a timer (when it fires,
/// and how long after the orchestration's current time), waited for an event, or set its custom status (as JSON).
/// </summary>
internal sealed record OrchestratorAction(string Kind, string Name, string Detail, TimeSpan? Delay = null)
{
    public const string Activity = "activity";
    public const string Timer = "timer";
    public const string Event = "event";
    public const string Status = "status";

    public override string ToString() => $"{Kind} {Name} {Detail}";
}
