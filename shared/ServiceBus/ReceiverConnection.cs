using Amqp;
using Amqp.Framing;

namespace Orbit.ServiceBus;

/// <summary>One AMQP connection, its session and receiver link, and the first error that closed any of them.</summary>
internal sealed class ReceiverConnection
{
    private readonly Connection connection;
    private readonly TaskCompletionSource<Error?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ReceiverLink? receiver;

    public ReceiverConnection(Connection connection)
    {
        this.connection = connection;
        connection.Closed += OnClosed;
        Session = new Session(connection);
        Session.Closed += OnClosed;
    }

    public Session Session { get; }

    /// <summary>Completes when the connection, session or link closes, with the broker's error if it gave one.</summary>
    public Task<Error?> Closed => closed.Task;

    public void Attach(ReceiverLink link)
    {
        receiver = link;
        link.Closed += OnClosed;
    }

    /// <summary>The reason the connection was lost, or null when <paramref name="stoppingToken"/> ended the wait.</summary>
    public async Task<string?> WaitUntilClosedAsync(CancellationToken stoppingToken)
    {
        try
        {
            var error = await Closed.WaitAsync(stoppingToken);
            return error?.ToString() ?? "closed by the broker";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async Task CloseAsync()
    {
        try
        {
            if (receiver is { IsClosed: false })
            {
                await receiver.CloseAsync(TimeSpan.FromSeconds(5));
            }

            if (!connection.IsClosed)
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception exception) when (exception is AmqpException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // Already broken: the broker drops what it held for us.
        }
    }

    private void OnClosed(IAmqpObject sender, Error? error) => closed.TrySetResult(error);
}
