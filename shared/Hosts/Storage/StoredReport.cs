namespace Orbit.Hosts.Storage;

/// <summary>The outcome of storing a report.</summary>
/// <param name="IsLatest">
/// False when a newer report was already stored: this one's events were kept, its usage was not, so a late retry never
/// overwrites fresher figures.
/// </param>
/// <param name="Limits">The limits set at the central service for this host, which the agent applies from its next cycle.</param>
public sealed record StoredReport(bool IsLatest, int Events, IReadOnlyDictionary<string, long> Limits);
