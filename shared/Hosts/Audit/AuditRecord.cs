using System.Text.Json.Serialization;

namespace Orbit.Hosts.Audit;

/// <summary>
/// One auditd SYSCALL event that carries one of the watched keys: somebody ran the docker client or opened the
/// Docker socket.
/// </summary>
/// <param name="Timestamp">The event's time, to the millisecond auditd records.</param>
/// <param name="Serial">auditd's event serial; the PATH, CWD and PROCTITLE lines of the same event share it.</param>
/// <param name="Uid">The process's user id.</param>
/// <param name="Auid">The login user id, which survives sudo and su; <see cref="UnsetId"/> for daemons and boot-time processes.</param>
/// <param name="Key">The audit rule key that matched (one of the configured keys).</param>
/// <param name="Exe">The executable, or null when auditd recorded none.</param>
public sealed record AuditRecord(DateTimeOffset Timestamp, long Serial, long Uid, long Auid, string Key, string? Exe)
{
    /// <summary>(uint)-1: the kernel's "no login user".</summary>
    public const long UnsetId = 4294967295;

    /// <summary>
    /// The user the event is attributed to: the login user when there is one, because `sudo docker run` must count
    /// against the person and not against root; otherwise the process's own user.
    /// </summary>
    [JsonIgnore]
    public long UserId => Auid == UnsetId ? Uid : Auid;
}
