using System.Text;
using Amqp;
using Amqp.Framing;

namespace Orbit.Testing;

/// <summary>The tests' own AMQP 1.0 client, for a <see cref="RabbitMqServer"/>: sends events as a producer would and drains dead-letter queues.</summary>
public sealed class AmqpTestClient : IAsyncDisposable
{
    private readonly Connection connection;
    private readonly Session session;

    private AmqpTestClient(Connection connection)
    {
        this.connection = connection;
        session = new Session(connection);
    }

    public static async Task<AmqpTestClient> ConnectAsync(RabbitMqServer broker) =>
        new(await new ConnectionFactory().CreateAsync(new Address("127.0.0.1", broker.Port, RabbitMqServer.UserName, broker.Password, "/", "AMQP")));

    public async Task SendAsync(string queue, IEnumerable<(string MessageId, string Json)> messages, string kind = "test")
    {
        var sender = new SenderLink(session, $"test-sender-{Guid.NewGuid():N}", $"/amq/queue/{queue}");
        try
        {
            foreach (var (messageId, json) in messages)
            {
                await sender.SendAsync(new Message
                {
                    BodySection = new Data { Binary = Encoding.UTF8.GetBytes(json) },
                    Properties = new Properties { MessageId = messageId, ContentType = "application/json" },
                    Header = new Header { Durable = true },
                    ApplicationProperties = new ApplicationProperties { ["kind"] = kind },
                });
            }
        }
        finally
        {
            await sender.CloseAsync();
        }
    }

    /// <summary>Takes (accepts) up to <paramref name="count"/> messages, waiting at most <paramref name="patience"/> for each.</summary>
    public async Task<List<Message>> TakeAsync(string queue, int count, TimeSpan patience)
    {
        var receiver = new ReceiverLink(session, $"test-receiver-{Guid.NewGuid():N}", $"/amq/queue/{queue}");
        var messages = new List<Message>();
        try
        {
            while (messages.Count < count && await receiver.ReceiveAsync(patience) is { } message)
            {
                receiver.Accept(message);
                messages.Add(message);
            }
        }
        finally
        {
            await receiver.CloseAsync();
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the connection ends its session as well. The broker once took over a minute to answer a session's end
        // in CI after every message had been settled; a test whose messages are all delivered must not fail on that.
        try
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is AmqpException or TimeoutException or ObjectDisposedException)
        {
            // The broker drops what it held for this connection.
        }
    }
}
