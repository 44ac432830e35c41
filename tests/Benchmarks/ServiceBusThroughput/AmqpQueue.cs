using Amqp;
using Amqp.Framing;
using Orbit.Testing;

namespace Orbit.Benchmarks.ServiceBusThroughput;

/// <summary>A durable queue on the benchmark's broker: filled before a contender starts, so every contender drains the same backlog.</summary>
internal sealed class AmqpQueue(RabbitMqServer broker, string name)
{
    public string Name { get; } = name;

    public Address Address => new("127.0.0.1", broker.Port, RabbitMqServer.UserName, broker.Password, "/", "AMQP");

    public static async Task<AmqpQueue> DeclareAndFillAsync(RabbitMqServer broker, int count, CancellationToken cancellationToken)
    {
        var queue = new AmqpQueue(broker, TestNames.Queue("busbench"));
        await broker.DeclareQueueAsync(queue.Name);
        var connection = await new ConnectionFactory().CreateAsync(queue.Address);
        try
        {
            var sender = new SenderLink(new Session(connection), "bench-filler", $"/amq/queue/{queue.Name}");
            // Sends are awaited in windows so the broker confirms them; unbounded it would only queue them in memory.
            const int Window = 200;
            for (var start = 0; start < count; start += Window)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.WhenAll(Enumerable.Range(start, Math.Min(Window, count - start)).Select(i => sender.SendAsync(new Message
                {
                    BodySection = new Data { Binary = System.Text.Encoding.UTF8.GetBytes($$"""{"id":"e{{i}}","type":"TenantCreated"}""") },
                    Properties = new Properties { MessageId = $"bench-{i:D6}" },
                    Header = new Header { Durable = true },
                })));
            }

            await sender.CloseAsync();
        }
        finally
        {
            await connection.CloseAsync();
        }

        return queue;
    }
}
