using System.Globalization;
using Orbit.Hosts.Attribution;
using Orbit.Hosts.Usage;

namespace Orbit.Hosts.Enforcement;

/// <summary>
/// Plans container removals for users over their limit: that user's containers in the configured order until the
/// user's usage is at or under the limit. Only containers attributed to that user are ever picked; unattributed
/// containers, other users' containers and users whose limit is 0 or unset are left alone. Containers with an empty
/// writable layer are skipped: removing them frees nothing.
/// </summary>
public static class EnforcementPlanner
{
    public static EnforcementPlan Plan(HostUsage usage, IReadOnlyList<ContainerAttribution> containers, EnforcementOrder order)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(containers);
        var byUser = containers
            .Where(container => container.User is not null)
            .GroupBy(container => container.User!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(container => container.Container).ToList(), StringComparer.Ordinal);

        var users = new List<UserEnforcement>();
        var actions = new List<EnforcementAction>();
        foreach (var user in usage.Users.Where(user => user.IsOverLimit).OrderBy(user => user.User, StringComparer.Ordinal))
        {
            var limit = user.LimitBytes!.Value;
            var remaining = user.UsedBytes;
            var removals = 0;
            foreach (var container in InOrder(byUser.GetValueOrDefault(user.User) ?? [], order))
            {
                if (remaining <= limit)
                {
                    break;
                }

                if (container.SizeRw <= 0)
                {
                    continue;
                }

                var after = remaining - container.SizeRw;
                actions.Add(new EnforcementAction(
                    user.User,
                    container.Id,
                    container.DisplayName,
                    container.SizeRw,
                    container.Created,
                    container.IsRunning,
                    remaining,
                    after,
                    limit,
                    Reason(user.User, remaining, limit, order, container)));
                remaining = after;
                removals++;
            }

            users.Add(new UserEnforcement(user.User, user.UsedBytes, limit, remaining, remaining <= limit, removals));
        }

        return new EnforcementPlan(order, users, actions);
    }

    private static IEnumerable<ContainerSnapshot> InOrder(List<ContainerSnapshot> containers, EnforcementOrder order) => order switch
    {
        EnforcementOrder.NewestFirst => containers.OrderByDescending(container => container.Created).ThenBy(container => container.Id, StringComparer.Ordinal),
        EnforcementOrder.OldestFirst => containers.OrderBy(container => container.Created).ThenBy(container => container.Id, StringComparer.Ordinal),
        EnforcementOrder.LargestFirst => containers.OrderByDescending(container => container.SizeRw).ThenByDescending(container => container.Created).ThenBy(container => container.Id, StringComparer.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
    };

    private static string Reason(string user, long usedBytes, long limitBytes, EnforcementOrder order, ContainerSnapshot container) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"user {user} uses {usedBytes} bytes of a {limitBytes}-byte limit ({100.0 * usedBytes / limitBytes:0.0}%); removing {(container.IsRunning ? "running " : "")}container {container.DisplayName} ({container.SizeRw} bytes, created {container.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z), {order.ToName()}");
}
