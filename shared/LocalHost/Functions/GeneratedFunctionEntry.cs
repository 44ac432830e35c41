using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Functions;

/// <summary>
/// Where the generated methods call in. It is static because WebJobs invokes the static methods it indexed; the one
/// piece of state, the invoker of this process's worker, is set once the worker has loaded its functions. While the host
/// starts a worker again after one exited, invocations wait for the new one (as the Functions host's do for its new
/// worker channel) instead of failing, up to <see cref="WorkerWait"/>.
/// </summary>
public static class GeneratedFunctionEntry
{
    /// <summary>Longer than a worker takes to start, connect and load its functions (the host gives it one minute to connect).</summary>
    public static readonly TimeSpan WorkerWait = TimeSpan.FromMinutes(2);

    private static readonly Lock Gate = new();
    private static TaskCompletionSource<WorkerFunctionInvoker> invoker = NewInvoker();

    /// <summary>Invocations go to this worker from now on, those waiting for one included.</summary>
    public static void Attach(WorkerFunctionInvoker workerInvoker)
    {
        lock (Gate)
        {
            if (!invoker.TrySetResult(workerInvoker))
            {
                invoker = NewInvoker();
                invoker.SetResult(workerInvoker);
            }
        }
    }

    /// <summary>The worker is gone: invocations from now on wait for the next one to be attached.</summary>
    public static void Detach()
    {
        lock (Gate)
        {
            if (invoker.Task.IsCompleted)
            {
                invoker = NewInvoker();
            }
        }
    }

    /// <summary>No worker will be attached any more (the host is stopping): invocations waiting for one fail at once.</summary>
    public static void Close()
    {
        lock (Gate)
        {
            invoker.TrySetException(new WorkerProcessExitException("The host is stopping while its worker was being started again; the invocation was not sent."));
        }
    }

    public static Task InvokeAsync(string function, object?[] arguments) => InvokeWithResultAsync(function, arguments);

    public static async Task<object?> InvokeWithResultAsync(string function, object?[] arguments)
    {
        Task<WorkerFunctionInvoker> attached;
        lock (Gate)
        {
            attached = invoker.Task;
        }

        WorkerFunctionInvoker workerInvoker;
        try
        {
            workerInvoker = await attached.WaitAsync(WorkerWait);
        }
        catch (TimeoutException)
        {
            // The Functions host's words for the same case, which the Durable extension reads as a platform failure and
            // retries an activity for, rather than failing it.
            throw new InvalidOperationException($"Did not find any initialized language workers to take the invocation of {function} within {WorkerWait.TotalMinutes:0} minutes.");
        }

        return await workerInvoker.InvokeAsync(function, arguments);
    }

    private static TaskCompletionSource<WorkerFunctionInvoker> NewInvoker() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
