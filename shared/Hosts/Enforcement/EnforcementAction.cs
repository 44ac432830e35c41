namespace Orbit.Hosts.Enforcement;

/// <summary>One container to remove, and why.</summary>
/// <param name="StopFirst">The container is running: stop it, then remove it.</param>
/// <param name="UserBytesBefore">The user's usage before this removal (after the earlier ones in the plan).</param>
/// <param name="UserBytesAfter">The user's usage once this container is gone.</param>
/// <param name="Reason">For the log, the report and the e-mail: user, usage, limit and order.</param>
public sealed record EnforcementAction(
    string User,
    string ContainerId,
    string ContainerName,
    long SizeRw,
    DateTimeOffset Created,
    bool StopFirst,
    long UserBytesBefore,
    long UserBytesAfter,
    long LimitBytes,
    string Reason);
