using Orbit.FunctionHost.Http;
using Orbit.Quota.Reconcile;

namespace Orbit.Functions.Quota;

/// <summary><c>POST /api/internal/registry/reconcile</c> (admin key): a reconcile pass now, answering with what it fixed.</summary>
public sealed class ReconcileRegistryFunction(RegistryReconciler reconciler) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken) =>
        Results.Ok(await reconciler.ReconcileAsync(cancellationToken));
}
