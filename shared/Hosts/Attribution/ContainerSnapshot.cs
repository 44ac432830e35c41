namespace Orbit.Hosts.Attribution;

/// <summary>A container as the Docker API lists it (with sizes), at the time of a cycle.</summary>
/// <param name="Names">Its names, without the leading slash the API adds.</param>
/// <param name="Created">When the daemon created it; matched against audit records.</param>
/// <param name="SizeRw">Bytes in its writable layer (0 when the API omits it).</param>
/// <param name="State">The API's state: "running", "created", "exited", …</param>
public sealed record ContainerSnapshot(
    string Id,
    IReadOnlyList<string> Names,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset Created,
    long SizeRw,
    string State)
{
    public bool IsRunning => string.Equals(State, "running", StringComparison.OrdinalIgnoreCase);

    public string DisplayName => Names.Count > 0 ? Names[0] : Id.Length > 12 ? Id[..12] : Id;
}
