namespace Orbit.Hosts.Central;

/// <summary>One user's usage in a report.</summary>
/// <param name="UsedBytes">ContainerBytes + LayerBytes.</param>
/// <param name="ContainerBytes">The writable layers (SizeRw) of the user's containers.</param>
/// <param name="LayerBytes">The image layers the user owns, each counted once.</param>
/// <param name="Containers">How many containers are the user's.</param>
/// <param name="Layers">How many image layers the user owns.</param>
/// <param name="LimitBytes">The limit the agent enforced this cycle; null for none, 0 for stored-but-not-enforced.</param>
public sealed record HostReportUser(
    string User,
    long UsedBytes,
    long ContainerBytes,
    long LayerBytes,
    int Containers,
    int Layers,
    long? LimitBytes = null);
