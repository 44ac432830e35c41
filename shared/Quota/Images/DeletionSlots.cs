using System.Threading.RateLimiting;

namespace Orbit.Quota.Images;

/// <summary>
/// The registry DELETEs one instance has in flight, over all the cleanup batches it is running, granted first
/// come, first served. A batch asks for a slot for every digest at once, so the batches of a fan-out finish one
/// after another instead of all together at the end: the accounting commit and the completion of each batch
/// then overlap the DELETEs of the batches behind it, rather than queueing up after the last DELETE.
/// It also bounds what one instance asks of the registry, however many batches it takes.
/// </summary>
public sealed class DeletionSlots : IDisposable
{
    private readonly ConcurrencyLimiter limiter;

    public DeletionSlots(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = slots,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for a slot behind every earlier request; dispose the lease when the DELETE has returned.</summary>
    public async ValueTask<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("The registry deletion slots were disposed while a DELETE waited for one.");
        }

        return lease;
    }

    public void Dispose() => limiter.Dispose();
}
