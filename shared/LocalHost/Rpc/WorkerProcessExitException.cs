namespace Orbit.LocalHost.Rpc;

/// <summary>
/// An invocation the worker cannot answer because its process exited (or its stream ended) while the invocation ran or
/// waited for it. Named as the Functions host names the same failure: the Durable extension recognises it by that name
/// as a platform failure, and then abandons the orchestration episode or activity for a durable retry, where any other
/// exception would fail the activity, or the orchestration itself.
/// </summary>
public sealed class WorkerProcessExitException(string message) : Exception(message);
