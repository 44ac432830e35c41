namespace Orbit.Hosts.Attribution;

public enum AttributionSource
{
    /// <summary>No label and no audit record close enough: counted as unattributed.</summary>
    None,

    /// <summary>The container's user label.</summary>
    Label,

    /// <summary>An audit record of the docker client or socket close to the container's creation or the image's pull.</summary>
    AuditRecord,
}
