namespace Orbit.Hosts.Enforcement;

/// <summary>The warnings to send now, and the users at or above the warn level to remember for the next cycle.</summary>
public sealed record WarnLevelResult(IReadOnlyList<WarnNotice> Notices, IReadOnlySet<string> UsersAtWarnLevel);
