using CsCheck;
using Orbit.Quota.Usage;
using static Orbit.Quota.Tests.Cleanup.Images;

namespace Orbit.Quota.Tests.Usage;

public sealed class PushOrderTests
{
    private static readonly (string, long)[] Blobs = [("layer", 10)];

    [Fact]
    public void A_tag_tracked_again_at_the_same_digest_keeps_its_push_time_whether_by_a_track_or_a_late_event()
    {
        var tracked = Image("api", "1.0", 10, "m1", Blobs);

        Assert.Equal(TrackDecision.Unchanged, PushOrder.Decide(tracked, Named("m1"), Start.AddMinutes(50), fromEvent: false));
        Assert.Equal(TrackDecision.Unchanged, PushOrder.Decide(tracked, Named("m1"), Start.AddMinutes(5), fromEvent: true));
        Assert.Equal(TrackDecision.Unchanged, PushOrder.Decide(tracked, Named("m1"), Start.AddMinutes(50), fromEvent: true));
    }

    [Fact]
    public void A_tag_moved_to_a_new_digest_is_a_new_push_unless_the_event_is_older_than_the_tracked_push()
    {
        var tracked = Image("api", "1.0", 10, "m1", Blobs);

        Assert.Equal(TrackDecision.Create, PushOrder.Decide(null, Named("m2"), Start, fromEvent: true));
        Assert.Equal(TrackDecision.Replace, PushOrder.Decide(tracked, Named("m2"), Start.AddMinutes(11), fromEvent: true));
        Assert.Equal(TrackDecision.Stale, PushOrder.Decide(tracked, Named("m2"), Start.AddMinutes(9), fromEvent: true));
        // A track reads the tag from the registry as it is now, so what it found replaces the record whatever the clocks say.
        Assert.Equal(TrackDecision.Replace, PushOrder.Decide(tracked, Named("m2"), Start.AddMinutes(9), fromEvent: false));
    }

    [Fact]
    public void An_event_time_is_taken_as_the_push_time_but_never_one_later_than_now()
    {
        var now = Start.AddHours(1);

        Assert.Equal(Start, PushOrder.FromEvent(Start, now));
        Assert.Equal(now, PushOrder.FromEvent(now.AddYears(900), now));
        Assert.Equal(now, PushOrder.FromEvent(null, now));
    }

    /// <summary>
    /// A tag's pushes delivered in order, each any number of times (at-least-once delivery), leave the record a single
    /// delivery of each would: the last push's digest, pushed when the tag first moved to it.
    /// </summary>
    [Fact]
    public void Repeated_deliveries_of_a_tags_pushes_leave_the_record_of_the_last_push_at_the_time_it_moved_there()
    {
        var pushes = Gen.Select(Gen.Int[0, 3], Gen.Int[1, 3]).Array[1, 12];
        pushes.Sample(history =>
        {
            ImageRecord? record = null;
            var minute = 0;
            var expectedAt = Start;
            string? lastDigest = null;
            foreach (var (digest, deliveries) in history)
            {
                minute += 1;
                var pushedAt = Start.AddMinutes(minute);
                if ($"m{digest}" != lastDigest)
                {
                    expectedAt = pushedAt;
                    lastDigest = $"m{digest}";
                }

                for (var delivery = 0; delivery < deliveries; delivery++)
                {
                    if (PushOrder.Decide(record, Named($"m{digest}"), pushedAt, fromEvent: true) is TrackDecision.Create or TrackDecision.Replace)
                    {
                        record = Image("api", "1.0", minute, $"m{digest}", Blobs);
                    }
                }
            }

            Assert.Equal(Named(lastDigest!), record!.Digest);
            Assert.Equal(expectedAt, record.PushedAt);
        }, iter: 1000);
    }
}
