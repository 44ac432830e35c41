using System.Globalization;

namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>Appends SYSCALL records in auditd's raw text format, as auditd would for a docker client's socket connect.</summary>
public sealed class AuditLogWriter(string path)
{
    private long serial = 1000;

    public string Path { get; } = path;

    public void Connect(long uid, DateTimeOffset at, string exe = "/usr/bin/docker", string key = "docker-socket", long? auid = null)
    {
        var number = Interlocked.Increment(ref serial);
        var seconds = at.ToUnixTimeMilliseconds() / 1000.0;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"type=SYSCALL msg=audit({seconds:0.000}:{number}): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd2a3c a2=17 a3=0 items=1 ppid=4242 pid={4300 + number % 100} auid={auid ?? uid} uid={uid} gid={uid} euid={uid} suid={uid} fsuid={uid} egid={uid} sgid={uid} fsgid={uid} tty=pts0 ses=3 comm=\"docker\" exe=\"{exe}\" subj=unconfined key=\"{key}\"\n" +
            $"type=SOCKADDR msg=audit({seconds:0.000}:{number}): saddr=01002F7661722F72756E2F646F636B65722E736F636B\n" +
            $"type=PROCTITLE msg=audit({seconds:0.000}:{number}): proctitle=646F636B6572007073\n");
        File.AppendAllText(Path, line);
    }
}
