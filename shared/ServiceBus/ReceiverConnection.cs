using Amqp;
using Amqp.Framing;

namespace Orbit.ServiceBus;

/// <summary>
/// One AMQP connection, its session, receiver link and (with an Entra ID sign-in) <c>$cbs</c> links, and the first
/// error that closed any of them or that made it unusable (<see cref="Fail"/>).
/// </summary>
internal sealed class ReceiverConnection
{
    private readonly Connection connection;
    private readonly TaskCompletionSource<Error?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource lifetime = new();
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

    /// <summary>Cancelled once the connection is closed, lost or failed: work that lives as long as it stops then.</summary>
    public CancellationToken Lifetime => lifetime.Token;

    public void Attach(ReceiverLink link)
    {
        receiver = link;
        Watch(link);
    }

    /// <summary>Counts <paramref name="link"/> closing as the connection being lost.</summary>
    public void Watch(Link link) => link.Closed += OnClosed;

    /// <summary>Marks the connection lost for <paramref name="reason"/> (it is closed by <see cref="CloseAsync"/>).</summary>
    public void Fail(string reason) => Complete(new Error(ErrorCode.UnauthorizedAccess) { Description = reason });

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
        finally
        {
            Complete(null);
        }
    }

    private void OnClosed(IAmqpObject sender, Error? error) => Complete(error);

    private void Complete(Error? error)
    {
        if (closed.TrySetResult(error))
        {
            // Called on the connection's I/O thread: what waits on the lifetime runs elsewhere.
            _ = Task.Run(lifetime.Cancel);
        }
    }
}
