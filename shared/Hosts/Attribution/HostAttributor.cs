using Orbit.Hosts.Audit;
using Orbit.Hosts.Users;

namespace Orbit.Hosts.Attribution;

/// <summary>
/// One attribution cycle, as a pure function of the saved state and what the cycle read:
/// a container's user label wins; otherwise the audit record closest to its creation within the window; otherwise it is
/// unattributed. An image belongs to the user of the audit record behind its first pull or tag event, and each layer to
/// the earliest-claimed image on the host that holds it. Events already applied are recognised and skipped, so running a
/// cycle again after a crash attributes nothing twice.
/// </summary>
public sealed class HostAttributor(AttributionOptions options)
{
    public AttributionOptions Options { get; } = options;

    public AttributionResult Attribute(AttributionState state, AttributionInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        var next = state.Copy();
        RememberAudit(next.RecentAudit, input.NewAuditRecords);
        var timeline = new AuditTimeline(next.RecentAudit, Options.IgnoredExecutables);
        var images = new ListedImages(input.Images);

        var (applied, skipped, watermark) = ApplyEvents(state, next, input, timeline, images);
        var containers = AttributeContainers(next, input, timeline, CreationTimes(input.Events));

        // Forget what is no longer on the host: a new container or image reusing nothing of it starts unclaimed.
        var listedContainers = input.Containers.Select(container => container.Id).ToHashSet(StringComparer.Ordinal);
        RemoveWhere(next.ContainerOwners, id => !listedContainers.Contains(id));
        RemoveWhere(next.ImageOwners, id => !images.Contains(id));

        var nextState = next with { EventWatermarkNano = watermark };
        return new AttributionResult(nextState, containers, LayersOf(input.Images, next.ImageOwners), applied, skipped);
    }

    private void RememberAudit(List<AuditRecord> recent, IReadOnlyList<AuditRecord> newRecords)
    {
        var known = recent.Select(record => (record.Timestamp, record.Serial)).ToHashSet();
        recent.AddRange(newRecords.Where(record => known.Add((record.Timestamp, record.Serial))));
        recent.Sort((a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : a.Serial.CompareTo(b.Serial));
        if (recent.Count > 0)
        {
            var oldestKept = recent[^1].Timestamp - Options.AuditMemory;
            recent.RemoveAll(record => record.Timestamp < oldestKept);
        }
    }

    private (int Applied, int Skipped, long Watermark) ApplyEvents(
        AttributionState previous,
        AttributionState next,
        AttributionInput input,
        AuditTimeline timeline,
        ListedImages images)
    {
        var memoryNanos = Options.EventMemory.Ticks * 100;
        var forgottenBefore = previous.EventWatermarkNano - memoryNanos;
        var watermark = previous.EventWatermarkNano;
        int applied = 0, skipped = 0;
        foreach (var hostEvent in input.Events.OrderBy(hostEvent => hostEvent.TimeNano).ThenBy(hostEvent => hostEvent.Key, StringComparer.Ordinal))
        {
            // Older than the remembered keys reach: an earlier cycle applied it and has since forgotten its key.
            if (hostEvent.TimeNano < forgottenBefore || !next.RecentEventKeys.TryAdd(hostEvent.Key, hostEvent.TimeNano))
            {
                skipped++;
                continue;
            }

            Apply(hostEvent, next, input.Users, timeline, images);
            watermark = Math.Max(watermark, hostEvent.TimeNano);
            applied++;
        }

        RemoveWhere(next.RecentEventKeys, (_, timeNano) => timeNano < watermark - memoryNanos);
        return (applied, skipped, watermark);
    }

    private void Apply(HostEvent hostEvent, AttributionState next, LocalUsers users, AuditTimeline timeline, ListedImages images)
    {
        switch (hostEvent.Type, hostEvent.Action)
        {
            case (HostEventType.Container, HostEventAction.Remove):
                next.ContainerOwners.Remove(hostEvent.ActorId);
                break;
            case (HostEventType.Image, HostEventAction.Delete):
                next.ImageOwners.Remove(ImageReference.CanonicalId(hostEvent.ActorId));
                break;
            case (HostEventType.Image, var action) when action.Acquires():
                var image = images.Find(hostEvent);
                var record = timeline.LatestAtOrBefore(hostEvent.Time, Options.PullWindow) ?? timeline.Closest(hostEvent.Time, Options.Window);
                if (image is not null && record is not null)
                {
                    next.ImageOwners.TryAdd(ImageReference.CanonicalId(image.Id), new ImageClaim(users.NameOf(record.UserId), hostEvent.TimeNano));
                }

                break;
        }
    }

    // The listing's Created is whole seconds; a create event's timeNano is exact, which matters with a 5-second window on
    // a busy host. Seen events count too: this is only a more precise clock reading, not an event applied twice.
    private static Dictionary<string, DateTimeOffset> CreationTimes(IReadOnlyList<HostEvent> events)
    {
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var hostEvent in events)
        {
            if (hostEvent is { Type: HostEventType.Container, Action: HostEventAction.Create } && hostEvent.ActorId.Length > 0)
            {
                times.TryAdd(hostEvent.ActorId, hostEvent.Time);
            }
        }

        return times;
    }

    private List<ContainerAttribution> AttributeContainers(AttributionState next, AttributionInput input, AuditTimeline timeline, Dictionary<string, DateTimeOffset> creationTimes)
    {
        var attributions = new List<ContainerAttribution>(input.Containers.Count);
        foreach (var container in input.Containers)
        {
            if (container.Labels.TryGetValue(Options.UserLabel, out var labelled) && !string.IsNullOrWhiteSpace(labelled))
            {
                attributions.Add(new ContainerAttribution(container, labelled.Trim(), AttributionSource.Label));
            }
            else if (next.ContainerOwners.TryGetValue(container.Id, out var remembered))
            {
                attributions.Add(new ContainerAttribution(container, remembered, AttributionSource.AuditRecord));
            }
            else if (timeline.Closest(creationTimes.GetValueOrDefault(container.Id, container.Created), Options.Window) is { } record)
            {
                var user = input.Users.NameOf(record.UserId);
                next.ContainerOwners[container.Id] = user;
                attributions.Add(new ContainerAttribution(container, user, AttributionSource.AuditRecord));
            }
            else
            {
                attributions.Add(new ContainerAttribution(container, null, AttributionSource.None));
            }
        }

        return attributions;
    }

    private static List<LayerAttribution> LayersOf(IReadOnlyList<ImageSnapshot> images, Dictionary<string, ImageClaim> claims)
    {
        var layers = new Dictionary<string, (long Size, ImageClaim? Claim)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var image in images)
        {
            claims.TryGetValue(ImageReference.CanonicalId(image.Id), out var claim);
            foreach (var layer in image.Layers)
            {
                if (!layers.TryGetValue(layer.Id, out var current))
                {
                    layers[layer.Id] = (layer.Size, claim);
                    order.Add(layer.Id);
                }
                else if (claim is not null && (current.Claim is null || Earlier(claim, current.Claim)))
                {
                    layers[layer.Id] = (current.Size, claim);
                }
            }
        }

        return [.. order.Select(id => new LayerAttribution(id, layers[id].Size, layers[id].Claim?.User))];
    }

    private static bool Earlier(ImageClaim a, ImageClaim b) =>
        a.AcquiredTimeNano != b.AcquiredTimeNano ? a.AcquiredTimeNano < b.AcquiredTimeNano : string.CompareOrdinal(a.User, b.User) < 0;

    private static void RemoveWhere<TValue>(Dictionary<string, TValue> map, Func<string, bool> remove)
    {
        foreach (var key in map.Keys.Where(remove).ToList())
        {
            map.Remove(key);
        }
    }

    private static void RemoveWhere<TValue>(Dictionary<string, TValue> map, Func<string, TValue, bool> remove)
    {
        foreach (var key in map.Where(pair => remove(pair.Key, pair.Value)).Select(pair => pair.Key).ToList())
        {
            map.Remove(key);
        }
    }
}
