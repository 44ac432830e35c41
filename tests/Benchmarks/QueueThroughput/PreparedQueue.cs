using System.Diagnostics;
using Azure.Storage.Queues;
using Orbit.Benchmarks.BuildCleanup;

namespace Orbit.Benchmarks.QueueThroughput;

/// <summary>
/// The queue one contender drains. The contender is started on the empty queue and warmed up on messages of its own
/// (a host process still compiling its code paths would be measured instead of the trigger); then the measured
/// messages are put invisible, all to become visible at one moment after the last is in, so the contender finds a full
/// queue at once. The clock starts at the first measured message consumed and stops when the queue is empty.
/// </summary>
internal sealed class PreparedQueue(QueueClient queue)
{
    private const int PutsInFlight = 16;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public QueueClient Queue => queue;

    public static async Task<PreparedQueue> CreateAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new PreparedQueue(queue);
    }

    /// <summary>Puts <paramref name="count"/> messages for the running contender and waits until it has taken them all.</summary>
    public async Task WarmUpAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await PutAsync(count, "w", null, cancellationToken);
        var clock = Stopwatch.StartNew();
        while (await RemainingAsync(cancellationToken) > 0)
        {
            ThrowIfLate(clock, timeout, "to take its warm-up messages");
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Puts <paramref name="count"/> messages invisible until one moment after the last put (a few seconds, more for
    /// more messages), so the contender cannot start before the queue is full; then times the drain. Returns the seconds
    /// from the first message consumed to an empty queue, and the cores each component used meanwhile.
    /// </summary>
    public async Task<(double Seconds, IReadOnlyList<(string Component, double Cores)> Cores)> FillAndTimeDrainAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var visibleAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(5.0 * count);
        await PutAsync(count, "m", visibleAt, cancellationToken);
        if (DateTimeOffset.UtcNow >= visibleAt)
        {
            throw new InvalidOperationException($"{queue.Name}: putting {count} messages took longer than the {(visibleAt - DateTimeOffset.UtcNow).TotalSeconds:0.0} s allowed before they become visible; the drain would have begun before the queue was full.");
        }

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

    private async Task PutAsync(int count, string prefix, DateTimeOffset? visibleAt, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = PutsInFlight, CancellationToken = cancellationToken },
            async (i, token) => await queue.SendMessageAsync(
                $"{{\"id\":\"{prefix}{i}\"}}",
                visibilityTimeout: visibleAt is { } at ? at - DateTimeOffset.UtcNow : null,
                cancellationToken: token));

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
