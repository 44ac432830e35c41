using System.Collections.Concurrent;

namespace Orbit.Hosts.Reports;

/// <summary>An <see cref="IReplayGuard"/> in process memory: for tests and a single instance.</summary>
public sealed class InMemoryReplayGuard(TimeProvider time) : IReplayGuard
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    public int Count => seen.Count;

    public ValueTask<bool> TryRecordAsync(string hostId, string signature, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var expired in seen.Where(entry => entry.Value <= now))
        {
            seen.TryRemove(expired);
        }

        return ValueTask.FromResult(seen.TryAdd(hostId + "\n" + signature.ToLowerInvariant(), expiresAt));
    }
}
