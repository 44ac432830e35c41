namespace Orbit.LocalHost.Rpc;

/// <summary>
/// An invocation the worker cannot answer because its process exited (or its stream ended) while the invocation ran or
/// waited for it. Named as the Functions host names the same failure: the Durable extension (3.19.0) recognises it by
/// that name and abandons an orchestrator episode so that it runs again, where any other exception would fail the
/// orchestration; an activity still fails with it, and its orchestration's retry policy decides.
/// </summary>
public sealed class WorkerProcessExitException(string message) : Exception(message);
