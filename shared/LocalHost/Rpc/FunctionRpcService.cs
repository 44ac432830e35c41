using Grpc.Core;

namespace Orbit.LocalHost.Rpc;

/// <summary>
/// The host's end of <c>FunctionRpc.EventStream</c>: the worker dials it once it has started and both sides then talk
/// over the one bidirectional stream. Messages from the worker go to the <see cref="WorkerChannel"/>; the channel's
/// outbound messages are written here.
/// </summary>
public sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        using var connection = channel.Connect(context.CancellationToken);
        var writing = WriteAsync(connection, responseStream, context.CancellationToken);
        try
        {
            await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
            {
                channel.Receive(message);
            }
        }
        finally
        {
            connection.Close();
            await writing;
        }
    }

    private static async Task WriteAsync(WorkerConnection connection, IServerStreamWriter<StreamingMessage> responseStream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in connection.Outbound.ReadAllAsync(cancellationToken))
            {
                await responseStream.WriteAsync(message, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended: the worker is gone or the host is stopping.
        }
    }
}
