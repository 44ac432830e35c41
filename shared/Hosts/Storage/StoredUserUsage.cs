namespace Orbit.Hosts.Storage;

/// <summary>One user's usage on a host from the latest report.</summary>
/// <param name="ReportedLimitBytes">The limit the agent enforced in that cycle.</param>
public sealed record StoredUserUsage(string User, long ContainerBytes, long LayerBytes, int Containers, int Layers, long? ReportedLimitBytes)
{
    public long UsedBytes => ContainerBytes + LayerBytes;
}
