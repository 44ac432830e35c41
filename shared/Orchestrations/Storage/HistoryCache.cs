using System.Collections.Concurrent;
using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Storage;

/// <summary>
/// The last history this process loaded or committed per instance, keyed by its last episode's token: an
/// episode whose instance row still names that token skips reading the history table. Bounded; on
/// overflow it simply starts again.
/// </summary>
internal sealed class HistoryCache
{
    private const int Capacity = 2_000;

    private readonly ConcurrentDictionary<string, (string Token, InstanceHistory History)> entries = new(StringComparer.Ordinal);

    public InstanceHistory? Find(string instanceId, string token) =>
        entries.TryGetValue(instanceId, out var entry) && entry.Token == token ? entry.History : null;

    public void Remember(string instanceId, string token, InstanceHistory history)
    {
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[instanceId] = (token, history);
    }

    public void Forget(string instanceId) => entries.TryRemove(instanceId, out _);
}
