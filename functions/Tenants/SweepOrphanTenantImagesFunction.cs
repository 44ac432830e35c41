using Microsoft.Azure.Functions.Worker;
using Orbit.Tenants.Deletion;

namespace Orbit.Functions.Tenants;

/// <summary>The orphan sweep on its schedule (<c>Tenants:OrphanSweepSchedule</c>, hourly by default), on one instance at a time.</summary>
public sealed class SweepOrphanTenantImagesFunction(OrphanSweep sweep)
{
    [Function("SweepOrphanTenantImages")]
    public Task RunAsync([TimerTrigger("%Tenants:OrphanSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);
}
