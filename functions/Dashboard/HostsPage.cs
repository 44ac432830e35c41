using Orbit.Hosts.Storage;
using Orbit.Hosts.Usage;
using Orbit.Quota.Cleanup;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// Docker hosts: each host's bar (tracked users + other + free, seed 002), its last report, and per user the usage,
/// the limit in force and whether the user is at the warn level or over the limit, in words.
/// </summary>
public static class HostsPage
{
    public static Html Render(IReadOnlyList<CentralHostUsage> hosts, int warnPercent)
    {
        var sections = hosts.OrderBy(host => host.Host.HostId, StringComparer.Ordinal).Select(host => Host(host, warnPercent));
        return DashboardLayout.Page("Docker hosts", DashboardLayout.Home + "/hosts", Html.Of($"""
            <p>{hosts.Count} hosts have reported. A user is warned from {warnPercent} % of their limit (the agents' warn level).</p>
            {(hosts.Count == 0 ? Html.Of($"""<p class="note">No host has reported yet.</p>""") : Html.Join(sections))}
            """));
    }

    /// <summary>A user's state in words: over the limit, at the warn level, within it, or without an enforced limit.</summary>
    public static string UserState(UserUsage user, int warnPercent) =>
        !user.IsEnforced ? "no limit enforced"
        : user.IsOverLimit ? "over the limit"
        : user.UsedBytes * 100m >= user.LimitBytes!.Value * (decimal)warnPercent ? "over the warn level"
        : "within the limit";

    private static Html Host(CentralHostUsage host, int warnPercent)
    {
        var usage = host.Usage;
        var bar = UsageBarSegments.Of(usage.TrackedUsage, usage.Other, usage.Free);
        var users = usage.Users.OrderByDescending(user => user.PercentOfLimit).ThenBy(user => user.User, StringComparer.Ordinal).Select(user =>
        {
            var state = UserState(user, warnPercent);
            var level = state switch { "over the limit" => "critical", "over the warn level" => "warning", _ => "ok" };
            return Html.Of($"""
                <tr><th scope="row">{user.User}</th><td class="number">{ByteSize.Format(user.UsedBytes)}</td><td class="number">{ByteSize.Format(user.ContainerBytes)}</td><td class="number">{ByteSize.Format(user.LayerBytes)}</td><td class="number">{(user.LimitBytes is { } limit ? ByteSize.Format(limit) : "none")}{(host.CentralLimits.ContainsKey(user.User) ? " (set centrally)" : string.Empty)}</td><td class="number">{(user.IsEnforced ? $"{user.PercentOfLimit:0.0}%" : string.Empty)}</td><td><span class="level level-{level}">{state}</span></td></tr>
                """);
        });
        return Html.Of($"""
            <section aria-labelledby="host-{host.Host.HostId}">
            <h2 id="host-{host.Host.HostId}">{host.Host.HostId}</h2>
            <p>Last report {DashboardLayout.Time(host.Host.LastReportedAt)} (received {DashboardLayout.Time(host.Host.ReceivedAt)}){(host.Host.DryRun ? Html.Of($", a dry run: enforcement only planned") : Html.Empty)}.</p>
            <div class="bar" role="img" aria-label="Tracked {ByteSize.Format(usage.TrackedUsage)}, other {ByteSize.Format(usage.Other)}, free {ByteSize.Format(usage.Free)} of {ByteSize.Format(usage.Total)}"><span class="tracked" style="width: {bar.TrackedPercent}%"></span><span class="other" style="width: {bar.OtherPercent}%"></span><span class="free" style="width: {bar.FreePercent}%"></span></div>
            <p class="legend">Tracked users {ByteSize.Format(usage.TrackedUsage)} · other {ByteSize.Format(usage.Other)} · free {ByteSize.Format(usage.Free)} · total {ByteSize.Format(usage.Total)} ({usage.Percent:0.0}% used){(usage.ReservedBytes is { } reserved ? Html.Of($" · reserved {ByteSize.Format(reserved)}") : Html.Empty)}</p>
            {DashboardLayout.Table($"Users of {host.Host.HostId}", Html.Of($"""<th scope="col">User</th><th scope="col" class="number">Used</th><th scope="col" class="number">Containers</th><th scope="col" class="number">Layers</th><th scope="col" class="number">Limit</th><th scope="col" class="number">Of limit</th><th scope="col">State</th>"""), users, "No users reported.")}
            </section>
            """);
    }
}
