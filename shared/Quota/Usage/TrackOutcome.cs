namespace Orbit.Quota.Usage;

/// <summary>What tracking did: created a record, replaced one (the tag moved), or nothing (already tracked at that digest).</summary>
public sealed record TrackOutcome(bool Created, bool Unchanged, ImageRecord Image, UsageChange? Change);
