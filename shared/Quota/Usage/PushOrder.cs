using Orbit.Registry.References;

namespace Orbit.Quota.Usage;

/// <summary>
/// When an image was pushed, which is what a cleanup's "newest N" is ordered by. The registry's event says when the
/// push happened; without one, the first track does. Tracking the same tag and digest again never moves it (a build
/// tracking late, a re-delivered event, the reconcile), and a tag moved to a new digest is a new push.
/// </summary>
public static class PushOrder
{
    /// <summary>
    /// The push time of an image learned from a registry event: the event's timestamp, or now when it has none. Never
    /// later than now: a future time (a skewed clock, a forged event) would keep the image the newest of its app for ever.
    /// </summary>
    public static DateTimeOffset FromEvent(DateTimeOffset? timestamp, DateTimeOffset now) => timestamp is { } at && at < now ? at : now;

    /// <param name="previous">The workspace's record of the same repository and tag, if any.</param>
    /// <param name="digest">What the tag points at now, by the registry's word.</param>
    /// <param name="pushedAt">When that push happened (<see cref="FromEvent"/>), or now for a track without an event.</param>
    /// <param name="fromEvent">
    /// True for a registry event, which says what the tag pointed at when it was sent: one older than the push already
    /// tracked for the tag (events delivered out of order) is stale. A track reads the tag from the registry at the time,
    /// so it is never stale.
    /// </param>
    public static TrackDecision Decide(ImageRecord? previous, Digest digest, DateTimeOffset pushedAt, bool fromEvent) => previous switch
    {
        null => TrackDecision.Create,
        _ when previous.Digest == digest => TrackDecision.Unchanged,
        _ when fromEvent && pushedAt < previous.PushedAt => TrackDecision.Stale,
        _ => TrackDecision.Replace,
    };
}
