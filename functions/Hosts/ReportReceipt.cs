namespace Orbit.Functions.Hosts;

/// <summary>The answer to an accepted report.</summary>
/// <param name="Latest">False when a newer report was already stored: this one's events were kept, its usage was not.</param>
/// <param name="Events">How many enforcement events the report carried (stored once per cycle, however often it is sent).</param>
/// <param name="Limits">The limits set at the central service for this host, bytes by user: the agent applies them over its own configuration.</param>
public sealed record ReportReceipt(string HostId, string CycleId, bool Latest, int Events, IReadOnlyDictionary<string, long> Limits);
