namespace Orbit.LocalHost.Rpc;

/// <summary>The worker process cannot take or finish a request: it has not connected yet, or it has gone.</summary>
public sealed class WorkerUnavailableException(string message) : Exception(message);
