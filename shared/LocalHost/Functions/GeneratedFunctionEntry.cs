namespace Orbit.LocalHost.Functions;

/// <summary>
/// Where the generated methods call in. It is static because WebJobs invokes the static methods it indexed; the one
/// piece of state, the invoker of this process's worker, is set once the worker has loaded its functions.
/// </summary>
public static class GeneratedFunctionEntry
{
    private static WorkerFunctionInvoker? invoker;

    public static void Attach(WorkerFunctionInvoker workerInvoker) => invoker = workerInvoker;

    public static Task InvokeAsync(string function, object?[] arguments) => InvokeWithResultAsync(function, arguments);

    public static Task<object?> InvokeWithResultAsync(string function, object?[] arguments) =>
        (invoker ?? throw new InvalidOperationException("No worker is attached to this host yet.")).InvokeAsync(function, arguments);
}
