namespace Orbit.LocalHost.Rpc;

/// <summary>The worker process cannot take or answer a start-up request (initialisation, indexing, a load): it has not connected yet, or it has gone.</summary>
public sealed class WorkerUnavailableException(string message) : Exception(message);
