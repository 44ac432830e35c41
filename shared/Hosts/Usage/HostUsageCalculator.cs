using Orbit.Hosts.Attribution;

namespace Orbit.Hosts.Usage;

/// <summary>Per-user and host totals from one cycle's attribution.</summary>
public static class HostUsageCalculator
{
    public static HostUsage Calculate(AttributionResult attribution, IReadOnlyDictionary<string, long> limits, long? reservedBytes) =>
        Calculate(attribution.Containers, attribution.Layers, limits, reservedBytes);

    public static HostUsage Calculate(
        IReadOnlyList<ContainerAttribution> containers,
        IReadOnlyList<LayerAttribution> layers,
        IReadOnlyDictionary<string, long> limits,
        long? reservedBytes)
    {
        var containerBytes = new Dictionary<string, long>(StringComparer.Ordinal);
        var layerBytes = new Dictionary<string, long>(StringComparer.Ordinal);
        long unattributed = 0;
        foreach (var container in containers)
        {
            var size = Math.Max(0, container.Container.SizeRw);
            if (container.User is null)
            {
                unattributed += size;
            }
            else
            {
                containerBytes[container.User] = containerBytes.GetValueOrDefault(container.User) + size;
            }
        }

        foreach (var layer in layers)
        {
            var size = Math.Max(0, layer.Size);
            if (layer.User is null)
            {
                unattributed += size;
            }
            else
            {
                layerBytes[layer.User] = layerBytes.GetValueOrDefault(layer.User) + size;
            }
        }

        return Calculate(containerBytes, layerBytes, unattributed, limits, reservedBytes);
    }

    /// <summary>The same figures from bytes already summed per user, as a host's report carries them.</summary>
    public static HostUsage Calculate(
        IReadOnlyDictionary<string, long> containerBytes,
        IReadOnlyDictionary<string, long> layerBytes,
        long unattributed,
        IReadOnlyDictionary<string, long> limits,
        long? reservedBytes)
    {
        if (reservedBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(reservedBytes), reservedBytes, "Reserved bytes cannot be negative.");
        }

        unattributed = Math.Max(0, unattributed);
        var users = containerBytes.Keys.Concat(layerBytes.Keys).Concat(limits.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(user => new UserUsage(
                user,
                containerBytes.GetValueOrDefault(user),
                layerBytes.GetValueOrDefault(user),
                limits.TryGetValue(user, out var limit) ? limit : null))
            .ToList();

        var tracked = users.Sum(user => user.UsedBytes);
        var used = tracked + unattributed;
        var total = reservedBytes ?? limits.Values.Sum(limit => Math.Max(0, limit)) + unattributed;
        var free = Math.Max(0, total - used);
        var percent = total > 0 ? Math.Clamp(100.0 * used / total, 0, 100) : used > 0 ? 100 : 0;
        return new HostUsage(users, tracked, unattributed, used, total, free, percent, used - tracked, reservedBytes);
    }
}
