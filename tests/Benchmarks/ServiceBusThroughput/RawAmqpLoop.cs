using System.Diagnostics;
using Amqp;
using Azure.Data.Tables;
using Orbit.ServiceBus;

namespace Orbit.Benchmarks.ServiceBusThroughput;

/// <summary>
/// The floor: AMQPNetLite receive and accept in one process with the trigger's credit, granted the
/// way the trigger grants it on RabbitMQ (<see cref="CreditWindow"/>), optionally with the same two table writes per
/// message that the test app's handler does (a row for the delivery, then the effect), and nothing else.
/// </summary>
internal static class RawAmqpLoop
{
    public static async Task<double> SecondsToDrainAsync(AmqpQueue queue, int count, int credit, TableClient? effects, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory().CreateAsync(queue.Address);
        try
        {
            var receiver = new ReceiverLink(new Session(connection), "bench-raw", $"/amq/queue/{queue.Name}");
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var settled = 0;
            Stopwatch? clock = null;
            receiver.Closed += (_, error) => done.TrySetException(new InvalidOperationException($"the link closed after {settled} messages: {error}"));
            var window = new CreditWindow(receiver, credit, BrokerProfile.RabbitMq.HonoursDeliveryCountInFlow);
            window.Start((link, message) =>
            {
                Interlocked.CompareExchange(ref clock, Stopwatch.StartNew(), null);
                _ = Task.Run(async () =>
                {
                    if (effects is not null)
                    {
                        await effects.AddEntityAsync(new TableEntity($"delivery-{message.Properties.MessageId}", Guid.NewGuid().ToString("N")), cancellationToken);
                        await effects.UpsertEntityAsync(new TableEntity("effect", message.Properties.MessageId), TableUpdateMode.Replace, cancellationToken);
                    }

                    link.Accept(message);
                    window.Settled();
                    if (Interlocked.Increment(ref settled) == count)
                    {
                        done.TrySetResult();
                    }
                }, cancellationToken);
            });
            await done.Task.WaitAsync(TimeSpan.FromMinutes(3), cancellationToken);
            return clock!.Elapsed.TotalSeconds;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
