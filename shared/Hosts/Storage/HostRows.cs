using Azure.Data.Tables;
using Orbit.Hosts.Central;

namespace Orbit.Hosts.Storage;

/// <summary>
/// The rows of the host usage table, one partition per host: <c>host</c> (the latest report's totals),
/// <c>user|&lt;name&gt;</c> (a user's usage in it) and <c>limit|&lt;name&gt;</c> (a limit set centrally).
/// </summary>
internal static class HostRows
{
    public const string HostKey = "host";
    public const string UserPrefix = "user|";
    public const string LimitPrefix = "limit|";

    // '|' + 1: the upper bound of a prefix range query.
    public const string UserPrefixEnd = "user}";
    public const string LimitPrefixEnd = "limit}";

    public static TableEntity Host(HostReport report, DateTimeOffset receivedAt) => new(report.HostId, HostKey)
    {
        ["ReportedAt"] = report.ReportedAt,
        ["ReceivedAt"] = receivedAt,
        ["CycleId"] = report.CycleId,
        ["DryRun"] = report.DryRun,
        ["ReservedBytes"] = report.ReservedBytes,
        ["TrackedBytes"] = report.Totals.TrackedBytes,
        ["UnattributedBytes"] = report.Totals.UnattributedBytes,
        ["UsedBytes"] = report.Totals.UsedBytes,
        ["TotalBytes"] = report.Totals.TotalBytes,
        ["FreeBytes"] = report.Totals.FreeBytes,
        ["Percent"] = report.Totals.Percent,
        ["Users"] = report.Users.Count,
    };

    public static HostSummary ReadHost(TableEntity row) => new(
        row.PartitionKey,
        row.GetDateTimeOffset("ReportedAt") ?? default,
        row.GetDateTimeOffset("ReceivedAt") ?? default,
        row.GetString("CycleId") ?? string.Empty,
        row.GetBoolean("DryRun") ?? false,
        row.GetInt64("ReservedBytes"),
        new HostReportTotals(
            row.GetInt64("TrackedBytes") ?? 0,
            row.GetInt64("UnattributedBytes") ?? 0,
            row.GetInt64("UsedBytes") ?? 0,
            row.GetInt64("TotalBytes") ?? 0,
            row.GetInt64("FreeBytes") ?? 0,
            row.GetDouble("Percent") ?? 0),
        row.GetInt32("Users") ?? 0);

    public static TableEntity User(string hostId, HostReportUser user) => new(hostId, UserPrefix + user.User)
    {
        ["User"] = user.User,
        ["ContainerBytes"] = user.ContainerBytes,
        ["LayerBytes"] = user.LayerBytes,
        ["Containers"] = user.Containers,
        ["Layers"] = user.Layers,
        ["LimitBytes"] = user.LimitBytes,
    };

    public static StoredUserUsage ReadUser(TableEntity row) => new(
        row.GetString("User") ?? row.RowKey[UserPrefix.Length..],
        row.GetInt64("ContainerBytes") ?? 0,
        row.GetInt64("LayerBytes") ?? 0,
        row.GetInt32("Containers") ?? 0,
        row.GetInt32("Layers") ?? 0,
        row.GetInt64("LimitBytes"));

    public static TableEntity Limit(string hostId, string user, long limitBytes, DateTimeOffset setAt) => new(hostId, LimitPrefix + user)
    {
        ["User"] = user,
        ["LimitBytes"] = limitBytes,
        ["SetAt"] = setAt,
    };

    /// <summary>An enforcement event, keyed by cycle and position so a retried report rewrites the same rows.</summary>
    public static TableEntity Event(HostReport report, int index, DateTimeOffset receivedAt)
    {
        var action = report.Enforcement[index];
        return new TableEntity(report.HostId, $"{report.CycleId}|{index:D4}")
        {
            ["CycleId"] = report.CycleId,
            ["ReportedAt"] = report.ReportedAt,
            ["ReceivedAt"] = receivedAt,
            ["DryRun"] = report.DryRun,
            ["User"] = action.User,
            ["ContainerId"] = action.ContainerId,
            ["ContainerName"] = action.ContainerName,
            ["SizeRw"] = action.SizeRw,
            ["Created"] = action.Created,
            ["StopFirst"] = action.StopFirst,
            ["UserBytesBefore"] = action.UserBytesBefore,
            ["UserBytesAfter"] = action.UserBytesAfter,
            ["LimitBytes"] = action.LimitBytes,
            ["Reason"] = action.Reason,
            ["Outcome"] = action.Outcome.ToString().ToLowerInvariant(),
            ["Error"] = action.Error,
        };
    }
}
