namespace Orbit.Quota.Usage;

/// <summary>What tracking did (see <see cref="TrackDecision"/>), the record as it now stands, and the change committed, if any.</summary>
public sealed record TrackOutcome(TrackDecision Decision, ImageRecord Image, UsageChange? Change)
{
    public bool Created => Decision == TrackDecision.Create;

    /// <summary>Nothing was written: already tracked at this digest, or a stale event.</summary>
    public bool Unchanged => Change is null;
}
