using Microsoft.Azure.Functions.Worker;

namespace Orbit.Functions.Builds;

/// <summary>
/// Activity: the cleanup's inline part (<see cref="InlineCleanup"/>) as a step of its own after the check, as builds ran it
/// before the check carried out its plan itself. Kept for the builds whose check was recorded that way: they replay to
/// this call. The plan is in their history before any deletion, so a redelivered attempt reports every digest of it.
/// </summary>
public sealed class CarryOutCleanupActivity(InlineCleanup inline)
{
    [Function(nameof(CarryOutCleanupActivity))]
    public Task<CarriedOutCleanup> RunAsync([ActivityTrigger] CarryOutCleanupRequest input, CancellationToken cancellationToken) =>
        inline.CarryOutAsync(input.BuildId, input.Header, input.Digests, input.WaitedFor, input.Budget, cancellationToken);
}
