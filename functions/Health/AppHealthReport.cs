using Orbit.ServiceBus;

namespace Orbit.Functions.Health;

public sealed record AppHealthReport(bool Healthy, bool StorageReachable, string? StorageError, IReadOnlyDictionary<string, ListenerState> Listeners);
