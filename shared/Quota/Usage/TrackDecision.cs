namespace Orbit.Quota.Usage;

/// <summary>What tracking a tag at a digest does to the record the workspace already has for that tag (see <see cref="PushOrder"/>).</summary>
public enum TrackDecision
{
    /// <summary>No record of the tag yet: a new one, pushed at the given time.</summary>
    Create,

    /// <summary>The tag moved to another digest: a new push, which replaces the record and its push time.</summary>
    Replace,

    /// <summary>Already tracked at this digest: nothing changes, least of all the push time.</summary>
    Unchanged,

    /// <summary>A registry event older than the push already tracked for the tag, delivered late: nothing changes.</summary>
    Stale,
}
