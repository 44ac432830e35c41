using System.Diagnostics;
using Azure.Storage.Queues;
using Orbit.Benchmarks.BuildCleanup;

namespace Orbit.Benchmarks.QueueThroughput;

/// <summary>
/// A queue filled while nobody consumes it. The clock starts at the first message consumed and stops
/// when the queue is empty, so a contender's start-up (a host process takes a second or two) is not
/// counted, only draining.
/// </summary>
internal sealed class PreparedQueue(QueueClient queue, int count)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public QueueClient Queue => queue;

    public static async Task<PreparedQueue> FillAsync(QueueClient queue, int count, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) => await queue.SendMessageAsync($"{{\"id\":\"m{i}\"}}", cancellationToken: token));
        return new PreparedQueue(queue, count);
    }

    /// <summary>Seconds from the first message consumed to an empty queue, and the cores each component used meanwhile.</summary>
    public async Task<(double Seconds, IReadOnlyList<(string Component, double Cores)> Cores)> SecondsToDrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (await RemainingAsync(cancellationToken) >= count)
        {
            ThrowIfLate(deadline, timeout, "to start consuming");
            await Task.Delay(PollInterval, cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        var cpu = CpuMeter.Take();
        while (await RemainingAsync(cancellationToken) > 0)
        {
            ThrowIfLate(deadline, timeout, "to drain");
            await Task.Delay(PollInterval, cancellationToken);
        }

        return (clock.Elapsed.TotalSeconds, CpuMeter.Between(cpu, CpuMeter.Take()));
    }

    private async Task<int> RemainingAsync(CancellationToken cancellationToken) =>
        (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    private void ThrowIfLate(Stopwatch clock, TimeSpan timeout, string what)
    {
        if (clock.Elapsed > timeout)
        {
            throw new TimeoutException($"{queue.Name}: waited {timeout} for the contender {what}.");
        }
    }
}
