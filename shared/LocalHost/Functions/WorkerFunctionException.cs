namespace Orbit.LocalHost.Functions;

/// <summary>The worker ran a function and it failed; the message is the worker's.</summary>
public sealed class WorkerFunctionException(string function, string? exceptionType, string message)
    : Exception($"Function {function} failed in the worker: {(exceptionType is { Length: > 0 } ? exceptionType + ": " : string.Empty)}{message}");
