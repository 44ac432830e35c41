namespace Orbit.Functions.Builds;

/// <summary>
/// The build orchestration's custom status. The build system polls for <see cref="Phase"/> <c>ready-to-build</c> and
/// prints <see cref="BuildLog"/>; while cleaning up, <see cref="Progress"/> counts the deletions as batches finish.
/// </summary>
public sealed record BuildStatus(string Phase, CleanupSummary? Cleanup, IReadOnlyList<string> BuildLog, CleanupProgress? Progress = null)
{
    public const string CheckingQuota = "checking-quota";
    public const string WaitingForCleanup = "waiting-for-cleanup";
    public const string CleaningUp = "cleaning-up";
    public const string ReadyToBuild = "ready-to-build";
    public const string Tracking = "tracking";
}
