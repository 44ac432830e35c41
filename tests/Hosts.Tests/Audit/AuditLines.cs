using System.Globalization;

namespace Orbit.Hosts.Tests.Audit;

/// <summary>Audit log lines as auditd writes them, for tests.</summary>
internal static class AuditLines
{
    public static string Syscall(double seconds, long serial, long uid, long auid, string key, string exe = "/usr/bin/docker") =>
        string.Create(CultureInfo.InvariantCulture, $"type=SYSCALL msg=audit({seconds:0.000}:{serial}): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=c000123456 a2=17 a3=0 items=1 ppid=2211 pid=2250 auid={auid} uid={uid} gid={uid} euid={uid} suid={uid} fsuid={uid} egid={uid} sgid={uid} fsgid={uid} tty=pts0 ses=4 comm=\"docker\" exe=\"{exe}\" subj=unconfined key=\"{key}\"");

    /// <summary>The SYSCALL line and the records auditd writes after it for the same event.</summary>
    public static string Event(double seconds, long serial, long uid, long auid, string key) =>
        Syscall(seconds, serial, uid, auid, key) + "\n"
        + string.Create(CultureInfo.InvariantCulture, $"type=CWD msg=audit({seconds:0.000}:{serial}): cwd=\"/home/someone\"\n")
        + string.Create(CultureInfo.InvariantCulture, $"type=PATH msg=audit({seconds:0.000}:{serial}): item=0 name=\"/var/run/docker.sock\" inode=1234 dev=00:19 mode=0140660 ouid=0 ogid=999 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0\n")
        + string.Create(CultureInfo.InvariantCulture, $"type=PROCTITLE msg=audit({seconds:0.000}:{serial}): proctitle=646F636B65720070730061\n");
}
