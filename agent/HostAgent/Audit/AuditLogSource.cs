using Microsoft.Extensions.Logging;
using Orbit.Hosts.Audit;

namespace Orbit.HostAgent.Audit;

/// <summary>The configured auditd log, read from a checkpoint that names the file by inode.</summary>
public sealed partial class AuditLogSource(string path, AuditKeyFilter keys, ILogger<AuditLogSource> logger)
{
    private readonly AuditLogReader reader = new(keys);

    public async Task<AuditLogRead> ReadAsync(long offset, ulong? inode, CancellationToken cancellationToken)
    {
        FileStream log;
        try
        {
            log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            LogUnreadable(path, exception.Message);
            return new AuditLogRead([], offset, inode, 0, true);
        }

        await using (log.ConfigureAwait(false))
        {
            var currentInode = FileIdentity.InodeOf(path);
            var from = currentInode == inode ? offset : 0;
            if (from != offset)
            {
                LogRotated(path, inode, currentInode);
            }

            var result = await reader.ReadAsync(log, from, cancellationToken).ConfigureAwait(false);
            return new AuditLogRead(result.Records, result.NextOffset, currentInode, result.LinesRead, false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log {Path} cannot be read ({Reason}); this cycle attributes from Docker alone")]
    private partial void LogUnreadable(string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit log {Path} is a new file (inode {OldInode} -> {NewInode}); reading it from the start")]
    private partial void LogRotated(string path, ulong? oldInode, ulong? newInode);
}
