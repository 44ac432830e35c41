namespace Orbit.FunctionHost.Health;

public sealed record HostHealthReport(bool Healthy, bool StorageReachable, string? StorageError, IReadOnlyDictionary<string, ListenerState> Listeners);
