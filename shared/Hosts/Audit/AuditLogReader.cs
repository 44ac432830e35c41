using System.Buffers;

namespace Orbit.Hosts.Audit;

/// <summary>
/// Reads the audit log from a checkpoint (a byte offset) to its last complete line. A line still being written (no
/// newline yet) is left for the next read, so a record is never parsed half-written and never read twice.
/// </summary>
public sealed class AuditLogReader(AuditKeyFilter keys)
{
    private const int ChunkBytes = 64 * 1024;

    /// <param name="log">The log, seekable (a file).</param>
    /// <param name="fromOffset">The checkpoint: the <see cref="AuditReadResult.NextOffset"/> of the previous read, 0 the first time.</param>
    public async Task<AuditReadResult> ReadAsync(Stream log, long fromOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        if (!log.CanSeek)
        {
            throw new ArgumentException("The audit log must be seekable to resume from a checkpoint.", nameof(log));
        }

        // Shorter than where we stopped: logrotate moved the old file away. A rotation that already grew past the
        // checkpoint cannot be seen from the length; the caller detects that by the file's identity and passes 0.
        var startedOver = log.Length < fromOffset;
        var offset = startedOver ? 0 : fromOffset;
        log.Seek(offset, SeekOrigin.Begin);

        var records = new List<AuditRecord>();
        long lines = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One line longer than the buffer: grow rather than split it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await log.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                var consumed = ParseCompleteLines(buffer.AsSpan(0, filled), records, ref lines);
                offset += consumed;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new AuditReadResult(records, offset, lines, startedOver);
    }

    private int ParseCompleteLines(ReadOnlySpan<byte> text, List<AuditRecord> records, ref long lines)
    {
        var consumed = 0;
        while (true)
        {
            var newline = text[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return consumed;
            }

            var line = text.Slice(consumed, newline);
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (AuditLineParser.TryParse(line, keys, out var record))
            {
                records.Add(record);
            }

            lines++;
            consumed += newline + 1;
        }
    }
}
