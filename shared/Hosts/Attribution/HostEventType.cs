namespace Orbit.Hosts.Attribution;

public enum HostEventType
{
    Other,
    Container,
    Image,
}
