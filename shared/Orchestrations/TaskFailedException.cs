namespace Orbit.Orchestrations;

/// <summary>Thrown into an orchestrator awaiting an activity that failed; the message is the activity's error.</summary>
public sealed class TaskFailedException(string activityName, string reason) : Exception($"Activity {activityName} failed: {reason}")
{
    public string ActivityName { get; } = activityName;

    public string Reason { get; } = reason;
}
