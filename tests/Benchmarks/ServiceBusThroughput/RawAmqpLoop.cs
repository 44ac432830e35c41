using Amqp;
using Azure.Data.Tables;
using System.Diagnostics;

namespace Orbit.Benchmarks.ServiceBusThroughput;

/// <summary>
/// The floor: AMQPNetLite receive and accept in one process with the trigger's credit, optionally with
/// the same one table write per message that the host's handler does, and nothing else.
/// </summary>
internal static class RawAmqpLoop
{
    public static async Task<double> SecondsToDrainAsync(AmqpQueue queue, int count, int credit, TableClient? effects, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory().CreateAsync(queue.Address);
        try
        {
            var receiver = new ReceiverLink(new Session(connection), "bench-raw", $"/amq/queue/{queue.Name}");
            receiver.SetCredit(credit, autoRestore: true);
            using var slots = new SemaphoreSlim(credit);
            var pending = new List<Task>(count);
            Stopwatch? clock = null;
            for (var received = 0; received < count; received++)
            {
                var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException($"only {received} of {count} messages arrived");
                clock ??= Stopwatch.StartNew();
                if (effects is null)
                {
                    receiver.Accept(message);
                    continue;
                }

                await slots.WaitAsync(cancellationToken);
                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        await effects.UpsertEntityAsync(new TableEntity("effect", message.Properties.MessageId), TableUpdateMode.Replace, cancellationToken);
                        receiver.Accept(message);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, cancellationToken));
            }

            await Task.WhenAll(pending);
            return clock!.Elapsed.TotalSeconds;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
