namespace Orbit.Hosts.Attribution;

/// <summary>The user who first brought an image onto the host, and the event time (timeNano) of that pull or tag.</summary>
public sealed record ImageClaim(string User, long AcquiredTimeNano);
