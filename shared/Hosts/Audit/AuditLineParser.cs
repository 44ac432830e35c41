using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Orbit.Hosts.Audit;

/// <summary>
/// Reads one line of the auditd text log (raw or enriched format, with or without a `node=` prefix) and keeps it
/// only when it is a SYSCALL record whose key is one of the watched keys. PATH, CWD, PROCTITLE and every other record
/// type of the same event are skipped: the SYSCALL record alone carries the key and the user ids. CONFIG_CHANGE
/// records also carry a key, but they log a rule being loaded, not somebody using Docker.
/// </summary>
/// <remarks>Works on UTF-8 bytes, without a regular expression, so a cycle over tens of thousands of lines stays cheap.</remarks>
public static class AuditLineParser
{
    private const byte EnrichedSeparator = 0x1d;
    private const byte KeySeparator = 0x01;

    public static bool TryParse(ReadOnlySpan<byte> line, AuditKeyFilter keys, [NotNullWhen(true)] out AuditRecord? record)
    {
        record = null;
        if (line.StartsWith("node="u8))
        {
            var space = line.IndexOf((byte)' ');
            if (space < 0)
            {
                return false;
            }

            line = line[(space + 1)..];
        }

        ReadOnlySpan<byte> prefix = "type=SYSCALL msg=audit("u8;
        if (!line.StartsWith(prefix))
        {
            return false;
        }

        var rest = line[prefix.Length..];
        var close = rest.IndexOf((byte)')');
        if (close < 0 || !TryParseStamp(rest[..close], out var timestamp, out var serial))
        {
            return false;
        }

        var fields = rest[(close + 1)..];
        var enriched = fields.IndexOf(EnrichedSeparator);
        if (enriched >= 0)
        {
            // The enriched tail repeats ids as names (AUID="alice"); the numeric fields before it are authoritative.
            fields = fields[..enriched];
        }

        long uid = -1;
        long auid = -1;
        string? key = null;
        scoped ReadOnlySpan<byte> exe = default;
        var exeQuoted = false;
        var exeSeen = false;
        while (NextField(ref fields, out var name, out var value, out var quoted))
        {
            if (name.SequenceEqual("uid"u8))
            {
                if (!TryParseId(value, out uid))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("auid"u8))
            {
                if (!TryParseId(value, out auid))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("exe"u8))
            {
                exe = value;
                exeQuoted = quoted;
                exeSeen = true;
            }
            else if (name.SequenceEqual("key"u8))
            {
                key = MatchKey(value, quoted, keys);
                if (key is null)
                {
                    return false;
                }
            }
        }

        if (key is null || uid < 0)
        {
            return false;
        }

        record = new AuditRecord(timestamp, serial, uid, auid < 0 ? AuditRecord.UnsetId : auid, key, exeSeen ? DecodeText(exe, exeQuoted) : null);
        return true;
    }

    private static bool NextField(ref ReadOnlySpan<byte> fields, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out bool quoted)
    {
        var start = 0;
        while (start < fields.Length && (fields[start] == (byte)' ' || fields[start] == (byte)':'))
        {
            start++;
        }

        fields = fields[start..];
        name = default;
        value = default;
        quoted = false;
        var equals = fields.IndexOf((byte)'=');
        if (equals <= 0)
        {
            fields = default;
            return false;
        }

        name = fields[..equals];
        var after = fields[(equals + 1)..];
        if (after.Length > 0 && after[0] == (byte)'"')
        {
            quoted = true;
            var end = after[1..].IndexOf((byte)'"');
            if (end < 0)
            {
                value = after[1..];
                fields = default;
            }
            else
            {
                value = after.Slice(1, end);
                fields = after[(end + 2)..];
            }

            return true;
        }

        var space = after.IndexOf((byte)' ');
        value = space < 0 ? after : after[..space];
        fields = space < 0 ? default : after[space..];
        return true;
    }

    // "1700000000.123:4567": seconds, fraction, serial.
    private static bool TryParseStamp(ReadOnlySpan<byte> stamp, out DateTimeOffset timestamp, out long serial)
    {
        timestamp = default;
        serial = 0;
        var dot = stamp.IndexOf((byte)'.');
        var colon = stamp.IndexOf((byte)':');
        if (dot <= 0 || colon <= dot + 1)
        {
            return false;
        }

        if (!TryParseWhole(stamp[..dot], out var seconds) || !TryParseWhole(stamp[(colon + 1)..], out serial))
        {
            return false;
        }

        var fraction = stamp[(dot + 1)..colon];
        long milliseconds = 0;
        for (var i = 0; i < 3; i++)
        {
            var digit = i < fraction.Length ? fraction[i] - '0' : 0;
            if (digit is < 0 or > 9)
            {
                return false;
            }

            milliseconds = milliseconds * 10 + digit;
        }

        if (seconds > 253_402_300_799)
        {
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeMilliseconds(seconds * 1000 + milliseconds);
        return true;
    }

    private static bool TryParseWhole(ReadOnlySpan<byte> digits, out long value) =>
        Utf8Parser.TryParse(digits, out value, out var consumed) && consumed == digits.Length && value >= 0;

    private static bool TryParseId(ReadOnlySpan<byte> digits, out long value) =>
        TryParseWhole(digits, out value) && value <= AuditRecord.UnsetId;

    private static string? MatchKey(ReadOnlySpan<byte> value, bool quoted, AuditKeyFilter keys)
    {
        if (quoted)
        {
            return keys.Match(value);
        }

        if (value.SequenceEqual("(null)"u8) || value.Length % 2 != 0 || value.Length > 2048)
        {
            return null;
        }

        // An event matching several rules gets their keys hex-encoded and joined by 0x01.
        Span<byte> decoded = stackalloc byte[value.Length / 2];
        if (!TryDecodeHex(value, decoded))
        {
            return null;
        }

        foreach (var range in decoded.Split(KeySeparator))
        {
            var match = keys.Match(decoded[range]);
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    // auditd quotes a value it can print as is and hex-encodes one with spaces, quotes or control characters.
    private static string? DecodeText(ReadOnlySpan<byte> value, bool quoted)
    {
        if (quoted)
        {
            return Encoding.UTF8.GetString(value);
        }

        if (value.SequenceEqual("(null)"u8) || value.Length % 2 != 0)
        {
            return null;
        }

        var decoded = new byte[value.Length / 2];
        return TryDecodeHex(value, decoded) ? Encoding.UTF8.GetString(decoded) : null;
    }

    private static bool TryDecodeHex(ReadOnlySpan<byte> hex, Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => -1,
    };
}
