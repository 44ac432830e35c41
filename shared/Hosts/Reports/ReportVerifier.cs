using System.Globalization;
using System.Security.Cryptography;

namespace Orbit.Hosts.Reports;

/// <summary>
/// Checks a report's signature headers: present, a timestamp within the tolerance of now (default ±5 minutes), a
/// signature equal (compared in constant time) to the one computed with the host's secret, and not seen before.
/// The replay guard is only consulted for a genuine signature, so forged requests cannot fill it.
/// </summary>
public sealed class ReportVerifier(TimeProvider time, IReplayGuard replayGuard, TimeSpan? tolerance = null)
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public TimeSpan Tolerance { get; } = tolerance ?? DefaultTolerance;

    public async ValueTask<ReportVerdict> VerifyAsync(
        string hostId,
        string secret,
        string? timestampHeader,
        string? signatureHeader,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        var verdict = CheckSignature(secret, timestampHeader, signatureHeader, body.Span);
        return verdict == ReportVerdict.Accepted
            ? await RecordAsync(hostId, timestampHeader!, signatureHeader!, cancellationToken).ConfigureAwait(false)
            : verdict;
    }

    /// <summary>
    /// Everything but the replay check: headers present, timestamp fresh, signature genuine. A receiver that must refuse
    /// an authentic but unusable body without remembering its signature checks here, then calls <see cref="RecordAsync"/>.
    /// </summary>
    public ReportVerdict CheckSignature(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return ReportVerdict.MissingHeaders;
        }

        if (!TryParseTimestamp(timestampHeader, out var unixSeconds))
        {
            return ReportVerdict.MalformedTimestamp;
        }

        if ((time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).Duration() > Tolerance)
        {
            return ReportVerdict.StaleTimestamp;
        }

        return ReportSignature.TryParse(signatureHeader, out var presented) &&
               CryptographicOperations.FixedTimeEquals(presented, ReportSignature.Compute(secret, unixSeconds, body))
            ? ReportVerdict.Accepted
            : ReportVerdict.BadSignature;
    }

    /// <summary>
    /// Remembers a signature that <see cref="CheckSignature"/> accepted: <see cref="ReportVerdict.Accepted"/> the first
    /// time, <see cref="ReportVerdict.Replayed"/> after. Only ever called for a genuine signature, so forged requests
    /// cannot fill the guard.
    /// </summary>
    public async ValueTask<ReportVerdict> RecordAsync(string hostId, string timestampHeader, string signatureHeader, CancellationToken cancellationToken)
    {
        if (!TryParseTimestamp(timestampHeader, out var unixSeconds) || !ReportSignature.TryParse(signatureHeader, out var presented))
        {
            throw new ArgumentException("Record only a signature that CheckSignature accepted.", nameof(signatureHeader));
        }

        // Past signedAt + tolerance the timestamp check refuses it anyway, so the guard need not remember it longer.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(unixSeconds) + Tolerance;
        var recorded = await replayGuard.TryRecordAsync(hostId, Convert.ToHexStringLower(presented), expiresAt, cancellationToken).ConfigureAwait(false);
        return recorded ? ReportVerdict.Accepted : ReportVerdict.Replayed;
    }

    private static bool TryParseTimestamp(string header, out long unixSeconds) =>
        long.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds) && unixSeconds <= 253_402_300_799;
}
