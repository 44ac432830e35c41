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
        if (string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return ReportVerdict.MissingHeaders;
        }

        if (!long.TryParse(timestampHeader.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds) || unixSeconds > 253_402_300_799)
        {
            return ReportVerdict.MalformedTimestamp;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        if ((time.GetUtcNow() - signedAt).Duration() > Tolerance)
        {
            return ReportVerdict.StaleTimestamp;
        }

        if (!ReportSignature.TryParse(signatureHeader, out var presented) ||
            !CryptographicOperations.FixedTimeEquals(presented, ReportSignature.Compute(secret, unixSeconds, body.Span)))
        {
            return ReportVerdict.BadSignature;
        }

        // Past signedAt + tolerance the timestamp check refuses it anyway, so the guard need not remember it longer.
        var recorded = await replayGuard.TryRecordAsync(hostId, Convert.ToHexStringLower(presented), signedAt + Tolerance, cancellationToken).ConfigureAwait(false);
        return recorded ? ReportVerdict.Accepted : ReportVerdict.Replayed;
    }
}
