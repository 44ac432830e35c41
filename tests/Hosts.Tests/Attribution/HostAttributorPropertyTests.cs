using System.Text.Json;
using CsCheck;
using Orbit.Hosts.Attribution;
using static Orbit.Hosts.Tests.Attribution.HostScenario;

namespace Orbit.Hosts.Tests.Attribution;

public sealed class HostAttributorPropertyTests
{
    private static readonly HostAttributor Attributor = new(AttributionOptions.Default);

    // Up to 12 images over 6 shared layers, each pulled once by one of 3 users at its own second; an audit record
    // of that user a moment before each pull.
    private static readonly Gen<(ImageSnapshot[] Images, HostEvent[] Events, Orbit.Hosts.Audit.AuditRecord[] Audit)> Host =
        from count in Gen.Int[1, 12]
        from layerSets in Gen.Int[0, 5].Array[1, 4].Array[count]
        from users in Gen.Int[1001, 1003].Array[count]
        from order in Gen.Shuffle(Enumerable.Range(0, count).ToArray())
        select (
            layerSets.Select((layers, i) => Image($"sha256:{i:x4}", $"app:{i}", [.. layers.Distinct().Select(layer => ($"l{layer}", (long)(layer + 1) * 10))])).ToArray(),
            order.Select((image, position) => Pull((position * 10) + 1, $"app:{image}")).ToArray(),
            order.Select((image, position) => Record(position * 10, users[image])).ToArray());

    [Fact]
    public void Event_arrival_order_does_not_change_the_attribution() =>
        Gen.Select(Host, Gen.Int).Sample((host, seed) =>
        {
            var shuffled = host.Events.OrderBy(_ => new Random(seed).Next()).ToArray();

            var inOrder = Attributor.Attribute(AttributionState.Empty, Input(audit: host.Audit, events: host.Events, images: host.Images));
            var outOfOrder = Attributor.Attribute(AttributionState.Empty, Input(audit: host.Audit, events: shuffled, images: host.Images));

            Assert.Equal(inOrder.Layers, outOfOrder.Layers);
        });

    [Fact]
    public void Crash_at_any_point_and_an_overlapping_reread_give_the_same_attribution_as_one_cycle() =>
        Gen.Select(Host, Gen.Int[0, 12], Gen.Int[0, 12]).Sample((host, crashAfter, overlap) =>
        {
            var split = Math.Min(crashAfter, host.Events.Length);
            var rereadFrom = Math.Max(0, split - overlap);

            var once = Attributor.Attribute(AttributionState.Empty, Input(audit: host.Audit, events: host.Events, images: host.Images));

            var first = Attributor.Attribute(AttributionState.Empty, Input(audit: host.Audit[..split], events: host.Events[..split], images: host.Images));
            var saved = JsonSerializer.Deserialize<AttributionState>(JsonSerializer.Serialize(first.State))!;
            var resumed = Attributor.Attribute(saved, Input(audit: host.Audit[rereadFrom..], events: host.Events[rereadFrom..], images: host.Images));

            Assert.Equal(once.Layers, resumed.Layers);
            Assert.Equal(host.Events.Length, first.EventsApplied + resumed.EventsApplied);
        });
}
