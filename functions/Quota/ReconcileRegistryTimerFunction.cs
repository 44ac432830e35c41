using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.Reconcile;

namespace Orbit.Functions.Quota;

/// <summary>The reconcile pass on a schedule (<c>Quota:ReconcileSchedule</c>, every 15 minutes by default), on one instance at a time.</summary>
public sealed class ReconcileRegistryTimerFunction(RegistryReconciler reconciler)
{
    [Function("ReconcileRegistryTimer")]
    public Task RunAsync([TimerTrigger("%Quota:ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken) => reconciler.ReconcileAsync(cancellationToken);
}
