using System.Collections.Concurrent;

namespace Orbit.ServiceBus;

/// <summary>What each trigger listener last reported about itself, for the health endpoint.</summary>
public sealed class ListenerStates
{
    private readonly ConcurrentDictionary<string, ListenerState> states = new(StringComparer.Ordinal);

    public void Report(string listener, ListenerState state) => states[listener] = state;

    public IReadOnlyDictionary<string, ListenerState> Snapshot() =>
        states.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
