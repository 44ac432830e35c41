using Microsoft.Azure.Functions.Worker;
using Orbit.Quota.Reconcile;

namespace Orbit.Functions.Quota;

/// <summary><c>POST /api/internal/registry/reconcile</c> (admin key): a reconcile pass now, answering with what it fixed.</summary>
public sealed class ReconcileRegistryFunction(RegistryReconciler reconciler)
{
    [Function("ReconcileRegistry")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "internal/registry/reconcile")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Ok(await reconciler.ReconcileAsync(cancellationToken));
}
