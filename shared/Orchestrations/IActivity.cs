namespace Orbit.Orchestrations;

/// <summary>
/// An activity function: the orchestration's unit of I/O, run from the work-item queue by whichever host
/// instance takes the message. Delivery is at least once, so an activity must be idempotent.
/// </summary>
public interface IActivity<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
