using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace Orbit.LocalHost.Rpc;

/// <summary>
/// The conversation with the worker process: start-up requests answered by type (initialisation, metadata) or by
/// function id (loads), invocations by invocation id, and the worker's logs written to this host's log under the
/// categories the worker gives them, so host.json's log levels apply to them as they do in Azure.
/// When the stream ends, every start-up request still waiting fails with <see cref="WorkerUnavailableException"/> and every
/// invocation with <see cref="WorkerProcessExitException"/> (which Durable retries); after a worker
/// has gone, <see cref="Reset"/> readies the channel for the one the host starts next.
/// </summary>
public sealed class WorkerChannel(ILoggerFactory loggers)
{
    private static readonly TimeSpan StartupRequestTimeout = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> requests = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> invocations = new();
    private readonly ILogger logger = loggers.CreateLogger("Host.Worker");
    private TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WorkerConnection? connection;

    /// <summary>Completes when the worker has opened its stream and said who it is.</summary>
    public Task Connected => connected.Task;

    /// <summary>Completes when the worker's stream has ended.</summary>
    public Task Disconnected => disconnected.Task;

    public WorkerConnection Connect(CancellationToken cancellationToken)
    {
        WorkerConnection? opened = null;
        opened = new WorkerConnection(() => OnClosed(opened!));
        if (Interlocked.CompareExchange(ref connection, opened, null) is not null)
        {
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.AlreadyExists, "This host runs one worker at a time, and one has connected."));
        }

        return opened;
    }

    /// <summary>
    /// Readies the channel for the next worker, the last one's process gone: its stream, if still open, is closed (what
    /// waited on it fails), and the next worker connects, starts and is asked afresh.
    /// </summary>
    public void Reset()
    {
        Volatile.Read(ref connection)?.Close();
        requests.Clear();
        invocations.Clear();
        connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref connection, null);
    }

    public void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                connected.TrySetResult();
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (invocations.TryRemove(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Answer($"load:{message.FunctionLoadResponse.FunctionId}", message);
                break;
            default:
                Answer(message.ContentCase.ToString(), message);
                break;
        }
    }

    public async Task<WorkerInitResponse> InitializeAsync(WorkerInitRequest request, CancellationToken cancellationToken) =>
        (await RequestAsync(new StreamingMessage { WorkerInitRequest = request }, StreamingMessage.ContentOneofCase.WorkerInitResponse.ToString(), cancellationToken)).WorkerInitResponse;

    public async Task<FunctionMetadataResponse> GetMetadataAsync(string scriptRoot, CancellationToken cancellationToken) =>
        (await RequestAsync(
            new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = scriptRoot } },
            StreamingMessage.ContentOneofCase.FunctionMetadataResponse.ToString(),
            cancellationToken)).FunctionMetadataResponse;

    public async Task<FunctionLoadResponse> LoadAsync(FunctionLoadRequest request, CancellationToken cancellationToken) =>
        (await RequestAsync(new StreamingMessage { FunctionLoadRequest = request }, $"load:{request.FunctionId}", cancellationToken)).FunctionLoadResponse;

    /// <summary>Sends an invocation and waits for its response; cancelling asks the worker to cancel it.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var response = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        invocations[request.InvocationId] = response;
        if (connection is not { } open || !open.TrySend(new StreamingMessage { InvocationRequest = request }))
        {
            invocations.TryRemove(request.InvocationId, out _);
            throw new WorkerProcessExitException("The worker process is not connected (it exited or was killed), so the invocation could not be sent.");
        }

        await using var cancel = cancellationToken.Register(() => connection?.TrySend(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } }));
        return await response.Task;
    }

    /// <summary>Tells the worker to stop within the grace period.</summary>
    public void Terminate(TimeSpan grace) =>
        connection?.TrySend(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(grace) } });

    private async Task<StreamingMessage> RequestAsync(StreamingMessage message, string answerKey, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        requests[answerKey] = answer;
        message.RequestId = Guid.NewGuid().ToString();
        if (connection is not { } open || !open.TrySend(message))
        {
            throw new WorkerUnavailableException($"The worker process is not connected, so {message.ContentCase} could not be sent.");
        }

        return await answer.Task.WaitAsync(StartupRequestTimeout, cancellationToken);
    }

    private void Answer(string key, StreamingMessage message)
    {
        if (requests.TryRemove(key, out var request))
        {
            request.TrySetResult(message);
        }
        else
        {
            logger.LogDebug("The worker sent {Message}, which no request of this host waits for.", message.ContentCase);
        }
    }

    private void OnClosed(WorkerConnection closed)
    {
        if (!ReferenceEquals(Volatile.Read(ref connection), closed))
        {
            return;
        }

        const string Gone = "The worker process ended its connection (it exited or was killed).";
        foreach (var pending in invocations.Values)
        {
            pending.TrySetException(new WorkerProcessExitException(Gone));
        }

        foreach (var pending in requests.Values)
        {
            pending.TrySetException(new WorkerUnavailableException(Gone));
        }

        disconnected.TrySetResult();
    }

    private void Log(RpcLog log)
    {
        var category = string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category;
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        var target = loggers.CreateLogger(category);
        if (!target.IsEnabled(level))
        {
            return;
        }

        if (log.Exception is { } exception)
        {
            target.Log(level, "{Message} {ExceptionType}: {ExceptionMessage}\n{StackTrace}", log.Message, exception.Type, exception.Message, exception.StackTrace);
        }
        else
        {
            target.Log(level, "{Message}", log.Message);
        }
    }
}
