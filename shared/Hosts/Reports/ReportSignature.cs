using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Orbit.Hosts.Reports;

/// <summary>
/// HMAC-SHA256 over the ASCII timestamp, a dot, and the raw body bytes, keyed with the host's secret as UTF-8. Signing
/// the timestamp with the body is what lets the receiver trust it for the freshness check.
/// </summary>
public static class ReportSignature
{
    public static byte[] Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture)));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    public static string Format(ReadOnlySpan<byte> mac) => ReportHeaders.SignaturePrefix + Convert.ToHexStringLower(mac);

    /// <summary>The MAC in a header value; false unless it is "sha256=" and 64 hex digits.</summary>
    public static bool TryParse(string? header, out byte[] mac)
    {
        mac = [];
        if (header is null || !header.StartsWith(ReportHeaders.SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = header.AsSpan(ReportHeaders.SignaturePrefix.Length).Trim();
        if (hex.Length != SHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        try
        {
            mac = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
