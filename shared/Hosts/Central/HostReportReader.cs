using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orbit.Hosts.Central;

/// <summary>
/// Reads a report body and checks that it is consistent with itself and addressed to the host it was posted for. Only
/// called on a body whose signature verified: an unauthenticated caller learns nothing about the expected shape.
/// </summary>
public static partial class HostReportReader
{
    public const int MaxUsers = 10_000;
    public const int MaxActions = 1_000;
    public const string CycleIdGrammar = "1 to 128 letters, digits, '.', '_', ':' and '-'";

    /// <summary>The report, or every problem found with it (for a 400 that names them all).</summary>
    public static HostReport? Read(ReadOnlySpan<byte> body, string hostId, out IReadOnlyList<string> problems)
    {
        HostReport? report;
        try
        {
            report = JsonSerializer.Deserialize<HostReport>(body, HostReportJson.Options);
        }
        catch (JsonException exception)
        {
            problems = [$"The body is not a host report: {exception.Message}"];
            return null;
        }

        if (report is null)
        {
            problems = ["The body is JSON null; send a host report object."];
            return null;
        }

        problems = Problems(report, hostId);
        return problems.Count == 0 ? report : null;
    }

    public static IReadOnlyList<string> Problems(HostReport report, string hostId)
    {
        var problems = new List<string>();
        if (!string.Equals(report.HostId, hostId, StringComparison.Ordinal))
        {
            problems.Add($"hostId is \"{report.HostId}\" but the report was posted for host \"{hostId}\".");
        }

        if (!CycleIdPattern().IsMatch(report.CycleId))
        {
            problems.Add($"cycleId \"{report.CycleId}\" must be {CycleIdGrammar}.");
        }

        if (report.ReportedAt == default)
        {
            problems.Add("reportedAt is required.");
        }

        if (report.ReservedBytes < 0)
        {
            problems.Add($"reservedBytes must be 0 or more; it is {report.ReservedBytes}.");
        }

        if (report.UnattributedBytes < 0)
        {
            problems.Add($"unattributedBytes must be 0 or more; it is {report.UnattributedBytes}.");
        }

        AddUserProblems(report.Users, problems);
        AddTotalsProblems(report, problems);
        AddActionProblems(report, problems);
        return problems;
    }

    private static void AddUserProblems(IReadOnlyList<HostReportUser> users, List<string> problems)
    {
        if (users.Count > MaxUsers)
        {
            problems.Add($"users may list at most {MaxUsers} users; it lists {users.Count}.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < users.Count; index++)
        {
            var user = users[index];
            if (user is null)
            {
                problems.Add($"users[{index}] is null.");
                continue;
            }

            if (!HostUserName.IsValid(user.User))
            {
                problems.Add($"users[{index}].user \"{user.User}\" must be {HostUserName.Grammar}.");
            }
            else if (!seen.Add(user.User))
            {
                problems.Add($"users[{index}].user \"{user.User}\" is listed more than once.");
            }

            if (user.ContainerBytes < 0 || user.LayerBytes < 0 || user.Containers < 0 || user.Layers < 0 || user.LimitBytes < 0)
            {
                problems.Add($"users[{index}] ({user.User}): bytes, counts and the limit must be 0 or more.");
            }
            else if (user.UsedBytes != user.ContainerBytes + user.LayerBytes)
            {
                problems.Add($"users[{index}] ({user.User}): usedBytes {user.UsedBytes} is not containerBytes + layerBytes ({user.ContainerBytes + user.LayerBytes}).");
            }
        }
    }

    private static void AddTotalsProblems(HostReport report, List<string> problems)
    {
        var totals = report.Totals;
        if (report.Users.Any(user => user is null))
        {
            return;
        }

        var tracked = report.Users.Sum(user => user.UsedBytes);
        if (totals.TrackedBytes != tracked)
        {
            problems.Add($"totals.trackedBytes {totals.TrackedBytes} is not the sum of the users' usedBytes ({tracked}).");
        }

        if (totals.UnattributedBytes != report.UnattributedBytes)
        {
            problems.Add($"totals.unattributedBytes {totals.UnattributedBytes} differs from unattributedBytes {report.UnattributedBytes}.");
        }

        if (totals.UsedBytes != tracked + report.UnattributedBytes)
        {
            problems.Add($"totals.usedBytes {totals.UsedBytes} is not tracked + unattributed ({tracked + report.UnattributedBytes}).");
        }

        if (totals.TotalBytes < 0 || totals.FreeBytes < 0)
        {
            problems.Add("totals.totalBytes and totals.freeBytes must be 0 or more.");
        }

        if (!(totals.Percent is >= 0 and <= 100))
        {
            problems.Add($"totals.percent must be within [0, 100]; it is {totals.Percent}.");
        }
    }

    private static void AddActionProblems(HostReport report, List<string> problems)
    {
        var actions = report.Enforcement;
        if (actions.Count > MaxActions)
        {
            problems.Add($"enforcement may list at most {MaxActions} actions; it lists {actions.Count}.");
            return;
        }

        for (var index = 0; index < actions.Count; index++)
        {
            var action = actions[index];
            if (action is null)
            {
                problems.Add($"enforcement[{index}] is null.");
                continue;
            }

            if (!HostUserName.IsValid(action.User))
            {
                problems.Add($"enforcement[{index}].user \"{action.User}\" must be {HostUserName.Grammar}.");
            }

            if (string.IsNullOrWhiteSpace(action.ContainerId) || action.ContainerId.Length > 128)
            {
                problems.Add($"enforcement[{index}].containerId must be 1 to 128 characters.");
            }

            if (action.ContainerName.Length > 256 || action.Reason.Length > 4096 || action.Error?.Length > 4096)
            {
                problems.Add($"enforcement[{index}]: containerName may have at most 256 characters, reason and error 4096.");
            }

            if (string.IsNullOrWhiteSpace(action.Reason))
            {
                problems.Add($"enforcement[{index}].reason is required: every action says why.");
            }

            if (action.SizeRw < 0 || action.UserBytesBefore < 0 || action.UserBytesAfter < 0 || action.LimitBytes <= 0)
            {
                problems.Add($"enforcement[{index}]: sizes must be 0 or more and limitBytes positive (a limit of 0 is never enforced).");
            }

            if (report.DryRun != (action.Outcome == EnforcementOutcome.Planned))
            {
                problems.Add($"enforcement[{index}].outcome is {action.Outcome.ToString().ToLowerInvariant()}, but a {(report.DryRun ? "dry run only plans" : "real run removes or fails")}.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex CycleIdPattern();
}
