using Orbit.Hosts.Attribution;
using Orbit.Hosts.Audit;
using Orbit.Hosts.Users;

namespace Orbit.Hosts.Tests.Attribution;

/// <summary>Builders for a host's listings, events and audit records, on a timeline counted in seconds from <see cref="Start"/>.</summary>
internal static class HostScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static readonly LocalUsers Users = PasswdFile.Parse("""
        root:x:0:0:root:/root:/bin/bash
        alice:x:1001:1001::/home/alice:/bin/bash
        bob:x:1002:1002::/home/bob:/bin/bash
        carol:x:1003:1003::/home/carol:/bin/bash
        """);

    private static long serial;

    public static DateTimeOffset At(double seconds) => Start.AddMilliseconds(seconds * 1000);

    public static AuditRecord Record(double seconds, long uid, string exe = "/usr/bin/docker", long? auid = null) =>
        new(At(seconds), Interlocked.Increment(ref serial), uid, auid ?? uid, "docker-client", exe);

    public static ContainerSnapshot Container(string id, double createdSeconds, long sizeRw, string? userLabel = null, string state = "created") =>
        new(
            id,
            [id + "-name"],
            userLabel is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["orbit.user"] = userLabel },
            At(createdSeconds),
            sizeRw,
            state);

    public static ImageSnapshot Image(string id, string reference, params (string Id, long Size)[] layers) =>
        new(id, [reference], [.. layers.Select(layer => new LayerSnapshot(layer.Id, layer.Size))]);

    public static HostEvent Pull(double seconds, string reference) =>
        new(Nanos(seconds), HostEventType.Image, HostEventAction.Pull, "", reference, new Dictionary<string, string> { ["name"] = reference });

    public static HostEvent Tag(double seconds, string imageId, string reference) =>
        new(Nanos(seconds), HostEventType.Image, HostEventAction.Tag, imageId, reference, new Dictionary<string, string> { ["name"] = reference });

    public static HostEvent DeleteImage(double seconds, string imageId) =>
        new(Nanos(seconds), HostEventType.Image, HostEventAction.Delete, imageId, imageId, new Dictionary<string, string>());

    public static HostEvent CreateContainer(double seconds, string containerId) =>
        new(Nanos(seconds), HostEventType.Container, HostEventAction.Create, containerId, containerId + "-name", new Dictionary<string, string>());

    public static HostEvent RemoveContainer(double seconds, string containerId) =>
        new(Nanos(seconds), HostEventType.Container, HostEventAction.Remove, containerId, containerId + "-name", new Dictionary<string, string>());

    public static long Nanos(double seconds) => (At(seconds) - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static AttributionInput Input(
        IReadOnlyList<AuditRecord>? audit = null,
        IReadOnlyList<HostEvent>? events = null,
        IReadOnlyList<ContainerSnapshot>? containers = null,
        IReadOnlyList<ImageSnapshot>? images = null) =>
        new(audit ?? [], events ?? [], containers ?? [], images ?? [], Users);

    public static string? UserOf(this AttributionResult result, string containerId) =>
        result.Containers.Single(attribution => attribution.Container.Id == containerId).User;

    public static string? OwnerOfLayer(this AttributionResult result, string layerId) =>
        result.Layers.Single(layer => layer.LayerId == layerId).User;
}
