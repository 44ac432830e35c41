namespace Orbit.Tenants.Deletion;

/// <summary>Deleting deleted tenants' images (<c>Tenants:*</c>, env <c>Tenants__*</c>): the work queue and the orphan sweep.</summary>
public sealed record TenantDeletionOptions
{
    public const string SectionName = "Tenants";

    public const string DefaultDeletionQueue = "tenant-image-deletions";

    public const string DefaultOrphanSweepSchedule = "0 0 * * * *";

    /// <summary>The Azure Storage queue of deletion work items; failed ones end in <c>&lt;queue&gt;-poison</c>.</summary>
    public string DeletionQueue { get; init; } = DefaultDeletionQueue;

    /// <summary>Six-field cron of the orphan sweep (UTC); every hour by default.</summary>
    public string OrphanSweepSchedule { get; init; } = DefaultOrphanSweepSchedule;

    /// <summary>Most manifest deletions one sweep run makes; the rest wait for the next run.</summary>
    public int OrphanSweepMaxDeletions { get; init; } = 100;

    /// <summary>Most manifest deletions per second a sweep makes, so a backlog of orphans never floods the registry.</summary>
    public double OrphanSweepDeletionsPerSecond { get; init; } = 2;
}
