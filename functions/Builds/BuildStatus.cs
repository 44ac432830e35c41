namespace Orbit.Functions.Builds;

/// <summary>
/// The build orchestration's custom status. The build system polls for <see cref="Phase"/> <c>ready-to-build</c> and
/// prints <see cref="BuildLog"/>; while cleaning up, <see cref="Progress"/> counts the deletions as batches finish.
/// Durable Functions keeps a status under 16 KB, so a long build log is cut here (<see cref="BuildLogLines"/> says how
/// long it is) and <c>GET /api/builds/{id}</c> returns it whole, from the cleanup history.
/// </summary>
public sealed record BuildStatus(string Phase, CleanupTotals? Cleanup, IReadOnlyList<string> BuildLog, CleanupProgress? Progress = null, int? BuildLogLines = null)
{
    public const string CheckingQuota = "checking-quota";
    public const string WaitingForCleanup = "waiting-for-cleanup";
    public const string CleaningUp = "cleaning-up";
    public const string ReadyToBuild = "ready-to-build";
    public const string Tracking = "tracking";

    /// <summary>Characters of build log a status carries at most, well inside the 16 KB (UTF-16) a status may take.</summary>
    public const int MaxLogCharacters = 5000;

    /// <summary>The status with as much of <paramref name="log"/> as fits; the last line then says how to get the rest.</summary>
    public static BuildStatus With(string phase, CleanupSummary? cleanup, IReadOnlyList<string> log)
    {
        var shown = new List<string>();
        var characters = 0;
        foreach (var line in log)
        {
            if (characters + line.Length > MaxLogCharacters)
            {
                shown.Add($"... {log.Count - shown.Count} more lines: GET /api/builds/{{id}} has the whole log.");
                break;
            }

            shown.Add(line);
            characters += line.Length;
        }

        return new BuildStatus(phase, cleanup is null ? null : CleanupTotals.Of(cleanup), shown, BuildLogLines: log.Count);
    }
}
