using System.Threading.Channels;

namespace Orbit.LocalHost.Rpc;

/// <summary>One worker's stream: the messages waiting to be written to it, and its end.</summary>
public sealed class WorkerConnection(Action onClosed) : IDisposable
{
    private readonly Channel<StreamingMessage> outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private int closed;

    public ChannelReader<StreamingMessage> Outbound => outbound.Reader;

    public bool TrySend(StreamingMessage message) => outbound.Writer.TryWrite(message);

    public void Close()
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
        {
            outbound.Writer.TryComplete();
            onClosed();
        }
    }

    public void Dispose() => Close();
}
