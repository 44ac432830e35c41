using System.Globalization;

namespace Orbit.Hosts.Attribution;

/// <summary>One Docker event.</summary>
/// <param name="TimeNano">The event's timeNano; the order of application (the API does not order events within a second).</param>
/// <param name="ActorId">Actor.ID: the container or image id; empty on Podman's pull events, which name the reference only.</param>
/// <param name="ActorName">The reference or container name (Actor.Attributes["name"]).</param>
public sealed record HostEvent(
    long TimeNano,
    HostEventType Type,
    HostEventAction Action,
    string ActorId,
    string ActorName,
    IReadOnlyDictionary<string, string> Attributes)
{
    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks(TimeNano / 100);

    /// <summary>Identifies the event across reads: the same event read again (an overlapping `since`) has the same key.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{TimeNano}|{Type}|{Action}|{ActorId}|{ActorName}");
}
