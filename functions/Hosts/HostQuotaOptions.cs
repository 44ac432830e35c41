namespace Orbit.Functions.Hosts;

/// <summary>Settings of the Docker-host endpoints (section <c>Hosts</c>).</summary>
public sealed class HostQuotaOptions
{
    public const string SectionName = "Hosts";

    /// <summary>The shortest secret accepted, the same floor the agent's configuration enforces.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>Per-host usage, its latest totals and the limits set centrally.</summary>
    public string UsageTable { get; set; } = "hostusage";

    /// <summary>Enforcement events, appended per report.</summary>
    public string EventsTable { get; set; } = "hostevents";

    /// <summary>Accepted report signatures (the replay guard).</summary>
    public string SignatureTable { get; set; } = "hostsignatures";

    /// <summary>Six-field cron of the timer that deletes expired signature rows.</summary>
    public string SignaturePurgeSchedule { get; set; } = "0 7 * * * *";

    /// <summary>Each host's report secret, by host id (<c>Hosts:Secrets:&lt;hostId&gt;</c>).</summary>
    public Dictionary<string, string> Secrets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The host's secret; null when none is configured, it is shorter than <see cref="MinimumSecretLength"/>, or it is an
    /// unresolved Key Vault reference, which refuses every report from that host: a guessable secret counts as none, and
    /// App Service leaves a reference it could not resolve as its text, which the template's names make guessable.
    /// </summary>
    public string? SecretFor(string hostId) =>
        Secrets.TryGetValue(hostId, out var secret) && secret.Length >= MinimumSecretLength && !IsUnresolvedReference(secret) ? secret : null;

    /// <summary>Whether the host's secret setting holds an unresolved Key Vault reference instead of a secret.</summary>
    public bool HasUnresolvedReference(string hostId) => Secrets.TryGetValue(hostId, out var secret) && IsUnresolvedReference(secret);

    private static bool IsUnresolvedReference(string secret) => secret.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);
}
