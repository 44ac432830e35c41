using System.Text.Json;
using Orbit.Hosts.Attribution;
using static Orbit.Hosts.Tests.Attribution.HostScenario;

namespace Orbit.Hosts.Tests.Attribution;

public sealed class HostAttributorTests
{
    private static readonly HostAttributor Attributor = new(AttributionOptions.Default);

    [Fact]
    public void User_label_wins_over_a_closer_audit_record()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(10, uid: 1002)],
            containers: [Container("c1", 10, 100, userLabel: "alice")]));

        Assert.Equal("alice", result.UserOf("c1"));
        Assert.Equal(AttributionSource.Label, result.Containers[0].Source);
    }

    [Fact]
    public void Container_goes_to_the_audit_record_closest_to_its_creation()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(7, uid: 1001), Record(9.5, uid: 1002), Record(12, uid: 1003)],
            containers: [Container("c1", 10, 100)]));

        Assert.Equal("bob", result.UserOf("c1"));
        Assert.Equal(AttributionSource.AuditRecord, result.Containers[0].Source);
    }

    [Fact]
    public void Login_uid_counts_rather_than_root_under_sudo()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(10, uid: 0, auid: 1003)],
            containers: [Container("c1", 10, 100)]));

        Assert.Equal("carol", result.UserOf("c1"));
    }

    [Theory]
    [InlineData(5.0, "alice")]
    [InlineData(5.001, null)]
    [InlineData(-5.0, "alice")]
    [InlineData(-5.001, null)]
    public void Audit_record_counts_only_within_the_window(double offsetSeconds, string? expected)
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100 + offsetSeconds, uid: 1001)],
            containers: [Container("c1", 100, 100)]));

        Assert.Equal(expected, result.UserOf("c1"));
    }

    [Fact]
    public void Create_event_time_is_preferred_over_the_listings_whole_seconds()
    {
        // Listed as created at 10 s (truncated); the create event says 10.9 s, right at bob's client call.
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(9.95, uid: 1001), Record(10.85, uid: 1002)],
            events: [CreateContainer(10.9, "c1")],
            containers: [Container("c1", 10, 100)]));

        Assert.Equal("bob", result.UserOf("c1"));
    }

    [Fact]
    public void Window_is_configurable()
    {
        var wide = new HostAttributor(AttributionOptions.Default with { Window = TimeSpan.FromSeconds(30) });

        var result = wide.Attribute(AttributionState.Empty, Input(audit: [Record(80, uid: 1001)], containers: [Container("c1", 100, 100)]));

        Assert.Equal("alice", result.UserOf("c1"));
    }

    [Fact]
    public void Container_without_label_or_audit_record_is_unattributed()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(containers: [Container("c1", 100, 100)]));

        Assert.Null(result.UserOf("c1"));
        Assert.Equal(AttributionSource.None, result.Containers[0].Source);
    }

    [Fact]
    public void Unknown_uid_is_attributed_by_number()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(audit: [Record(100, uid: 4242)], containers: [Container("c1", 100, 100)]));

        Assert.Equal("uid:4242", result.UserOf("c1"));
    }

    [Fact]
    public void Ignored_executables_never_attribute()
    {
        var options = AttributionOptions.Default with { IgnoredExecutables = new HashSet<string> { "/usr/local/bin/orbit-host-agent" } };

        var result = new HostAttributor(options).Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 0, exe: "/usr/local/bin/orbit-host-agent"), Record(103, uid: 1002)],
            containers: [Container("c1", 100, 100)]));

        Assert.Equal("bob", result.UserOf("c1"));
    }

    [Fact]
    public void Container_listed_a_cycle_after_its_audit_record_is_still_attributed()
    {
        var first = Attributor.Attribute(AttributionState.Empty, Input(audit: [Record(100, uid: 1001)]));

        var second = Attributor.Attribute(first.State, Input(containers: [Container("c1", 100.2, 100)]));

        Assert.Equal("alice", second.UserOf("c1"));
    }

    [Fact]
    public void Container_keeps_its_user_after_its_audit_record_is_forgotten()
    {
        var first = Attributor.Attribute(AttributionState.Empty, Input(audit: [Record(100, uid: 1001)], containers: [Container("c1", 100, 100)]));

        // An hour of bob's activity pushes alice's record out of the remembered audit.
        var second = Attributor.Attribute(first.State, Input(audit: [Record(3700, uid: 1002)], containers: [Container("c1", 100, 100)]));

        Assert.DoesNotContain(second.State.RecentAudit, record => record.Uid == 1001);
        Assert.Equal("alice", second.UserOf("c1"));
    }

    [Fact]
    public void Removed_container_is_forgotten()
    {
        var first = Attributor.Attribute(AttributionState.Empty, Input(audit: [Record(100, uid: 1001)], containers: [Container("c1", 100, 100)]));

        var second = Attributor.Attribute(first.State, Input(events: [RemoveContainer(200, "c1")]));

        Assert.Empty(second.State.ContainerOwners);
    }

    [Fact]
    public void Pulled_image_layers_go_to_the_user_whose_client_started_the_pull()
    {
        var image = Image("sha256:aaa", "registry:5000/app:1", ("l1", 10), ("l2", 20));

        // The client connects at 100; the pull event arrives when the download is done, 90 s later.
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001)],
            events: [Pull(190, "registry:5000/app:1")],
            images: [image]));

        Assert.Equal("alice", result.OwnerOfLayer("l1"));
        Assert.Equal("alice", result.OwnerOfLayer("l2"));
        Assert.Equal("alice", result.State.ImageOwners["aaa"].User);
    }

    [Fact]
    public void Layer_shared_with_a_later_image_stays_with_its_first_puller()
    {
        var base1 = Image("sha256:aaa", "registry:5000/app:1", ("base", 100), ("app1", 10));
        var base2 = Image("sha256:bbb", "registry:5000/app:2", ("base", 100), ("app2", 20));

        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001), Record(200, uid: 1002)],
            events: [Pull(105, "registry:5000/app:1"), Pull(205, "registry:5000/app:2")],
            images: [base2, base1]));

        Assert.Equal("alice", result.OwnerOfLayer("base"));
        Assert.Equal("alice", result.OwnerOfLayer("app1"));
        Assert.Equal("bob", result.OwnerOfLayer("app2"));
        Assert.Single(result.Layers, layer => layer.LayerId == "base");
    }

    [Fact]
    public void Layer_shared_with_an_image_pulled_in_a_later_cycle_stays_with_its_first_puller()
    {
        var first = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001)],
            events: [Pull(105, "app:1")],
            images: [Image("sha256:aaa", "app:1", ("base", 100))]));

        var second = Attributor.Attribute(first.State, Input(
            audit: [Record(400, uid: 1002)],
            events: [Pull(405, "app:2")],
            images: [Image("sha256:aaa", "app:1", ("base", 100)), Image("sha256:bbb", "app:2", ("base", 100), ("extra", 5))]));

        Assert.Equal("alice", second.OwnerOfLayer("base"));
        Assert.Equal("bob", second.OwnerOfLayer("extra"));
    }

    [Fact]
    public void Events_are_applied_in_time_order_whatever_order_they_arrive_in()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001), Record(100.5, uid: 1002)],
            events: [Pull(100.6, "app:2"), Pull(100.2, "app:1")],
            images: [Image("sha256:aaa", "app:1", ("base", 100)), Image("sha256:bbb", "app:2", ("base", 100))]));

        Assert.Equal("alice", result.OwnerOfLayer("base"));
    }

    [Fact]
    public void Layer_passes_to_the_next_claimant_when_the_first_image_is_deleted()
    {
        var first = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001), Record(200, uid: 1002)],
            events: [Pull(105, "app:1"), Pull(205, "app:2")],
            images: [Image("sha256:aaa", "app:1", ("base", 100)), Image("sha256:bbb", "app:2", ("base", 100))]));

        var second = Attributor.Attribute(first.State, Input(
            events: [DeleteImage(300, "sha256:aaa")],
            images: [Image("sha256:bbb", "app:2", ("base", 100))]));

        Assert.Equal("bob", second.OwnerOfLayer("base"));
        Assert.False(second.State.ImageOwners.ContainsKey("aaa"));
    }

    [Fact]
    public void Tag_event_names_the_image_by_id_and_attributes_a_created_image()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1003)],
            events: [Tag(101, "ccc", "localhost/built:1")],
            images: [Image("sha256:ccc", "localhost/built:1", ("own", 42))]));

        Assert.Equal("carol", result.OwnerOfLayer("own"));
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("registry:5000/app", "registry:5000/app:latest")]
    public void Pull_reference_matches_the_listed_tag_in_another_spelling(string pulled, string listed)
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001)],
            events: [Pull(101, pulled)],
            images: [Image("sha256:aaa", listed, ("l", 1))]));

        Assert.Equal("alice", result.OwnerOfLayer("l"));
    }

    [Fact]
    public void Layers_without_an_attributable_puller_are_unattributed()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            events: [Pull(101, "app:1")],
            images: [Image("sha256:aaa", "app:1", ("l1", 10)), Image("sha256:bbb", "never-pulled:1", ("l2", 20))]));

        Assert.All(result.Layers, layer => Assert.Null(layer.User));
    }

    [Fact]
    public void Pull_older_than_the_pull_window_after_its_audit_record_is_unattributed()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001)],
            events: [Pull(100 + 601, "app:1")],
            images: [Image("sha256:aaa", "app:1", ("l1", 10))]));

        Assert.Null(result.OwnerOfLayer("l1"));
    }

    [Fact]
    public void Reapplying_events_already_seen_changes_nothing()
    {
        var images = new[] { Image("sha256:aaa", "app:1", ("base", 100)), Image("sha256:bbb", "app:2", ("base", 100)) };
        var events = new[] { Pull(105, "app:1"), Pull(205, "app:2") };
        var first = Attributor.Attribute(AttributionState.Empty, Input(audit: [Record(100, uid: 1001), Record(200, uid: 1002)], events: events, images: images));

        // Bob deletes and re-pulls app:1: a fresh event would make him its owner, a replayed one must not.
        var second = Attributor.Attribute(first.State, Input(audit: [Record(104, uid: 1002)], events: events, images: images));

        Assert.Equal(0, second.EventsApplied);
        Assert.Equal(2, second.EventsSkipped);
        Assert.Equal("alice", second.State.ImageOwners["aaa"].User);
        Assert.Equal(first.State.ImageOwners, second.State.ImageOwners);
    }

    [Fact]
    public void Agent_restarted_mid_cycle_attributes_nothing_twice_and_skips_nothing()
    {
        var images = new[] { Image("sha256:aaa", "app:1", ("l1", 10)), Image("sha256:bbb", "app:2", ("l2", 10)), Image("sha256:ccc", "app:3", ("l3", 10)) };
        var audit = new[] { Record(100, uid: 1001), Record(200, uid: 1002), Record(300, uid: 1003) };
        var allEvents = new[] { Pull(101, "app:1"), Pull(201, "app:2"), Pull(301, "app:3") };

        // Straight through: one cycle sees everything.
        var straight = Attributor.Attribute(AttributionState.Empty, Input(audit: audit, events: allEvents, images: images));

        // Crash: the first cycle saved its state after two events; the restarted agent reads from an older `since`
        // (the whole list again) and the audit records again.
        var beforeCrash = Attributor.Attribute(AttributionState.Empty, Input(audit: audit[..2], events: allEvents[..2], images: images));
        var serialized = JsonSerializer.Serialize(beforeCrash.State);
        var restored = JsonSerializer.Deserialize<AttributionState>(serialized)!;
        var afterRestart = Attributor.Attribute(restored, Input(audit: audit, events: allEvents, images: images));

        Assert.Equal(1, afterRestart.EventsApplied);
        Assert.Equal(2, afterRestart.EventsSkipped);
        Assert.Equal(straight.Layers, afterRestart.Layers);
        Assert.Equal(
            straight.State.ImageOwners.OrderBy(pair => pair.Key),
            afterRestart.State.ImageOwners.OrderBy(pair => pair.Key));
    }

    [Fact]
    public void State_survives_a_json_round_trip()
    {
        var result = Attributor.Attribute(AttributionState.Empty, Input(
            audit: [Record(100, uid: 1001)],
            events: [Pull(101, "app:1")],
            containers: [Container("c1", 100, 5)],
            images: [Image("sha256:aaa", "app:1", ("l", 1))]));

        var restored = JsonSerializer.Deserialize<AttributionState>(JsonSerializer.Serialize(result.State))!;

        Assert.Equal(result.State.ContainerOwners, restored.ContainerOwners);
        Assert.Equal(result.State.ImageOwners, restored.ImageOwners);
        Assert.Equal(result.State.RecentAudit, restored.RecentAudit);
        Assert.Equal(result.State.RecentEventKeys, restored.RecentEventKeys);
        Assert.Equal(result.State.EventWatermarkNano, restored.EventWatermarkNano);
    }

    [Fact]
    public void Cycle_leaves_the_given_state_unchanged()
    {
        var state = AttributionState.Empty;

        Attributor.Attribute(state, Input(audit: [Record(100, uid: 1001)], events: [Pull(101, "app:1")], containers: [Container("c1", 100, 5)], images: [Image("sha256:aaa", "app:1", ("l", 1))]));

        Assert.Empty(state.ContainerOwners);
        Assert.Empty(state.ImageOwners);
        Assert.Empty(state.RecentAudit);
        Assert.Empty(state.RecentEventKeys);
    }
}
