using System.Globalization;
using System.Text;
using Orbit.Hosts.Attribution;
using Orbit.Hosts.Users;

namespace Orbit.Benchmarks.HostAttribution;

/// <summary>
/// A busy Docker host over one 120-second cycle, generated from a fixed seed: the audit log's bytes, passwd, the
/// container and image listings and the Docker events. A third of the audit events carry a key the agent does not watch,
/// a fifth of the containers carry the user label, images share base layers.
/// </summary>
internal sealed class SyntheticHost
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(120);

    private SyntheticHost(byte[] auditLog, LocalUsers users, IReadOnlyDictionary<string, long> limits, List<ContainerSnapshot> containers, List<ImageSnapshot> images, List<HostEvent> events)
    {
        AuditLog = auditLog;
        Users = users;
        Limits = limits;
        Containers = containers;
        Images = images;
        Events = events;
    }

    public byte[] AuditLog { get; }

    public LocalUsers Users { get; }

    public IReadOnlyDictionary<string, long> Limits { get; }

    public List<ContainerSnapshot> Containers { get; }

    public List<ImageSnapshot> Images { get; }

    public List<HostEvent> Events { get; }

    public static SyntheticHost Generate(HostAttributionOptions options)
    {
        var random = new Random(20261124);
        var passwd = new StringBuilder("root:x:0:0:root:/root:/bin/bash\n");
        var limits = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < options.Users; i++)
        {
            passwd.Append(CultureInfo.InvariantCulture, $"user{i:00}:x:{1000 + i}:{1000 + i}::/home/user{i:00}:/bin/bash\n");
            limits[$"user{i:00}"] = 6L << 30;
        }

        var events = new List<HostEvent>();
        var audit = new StringBuilder(options.AuditLines * 200);
        var auditEvents = options.AuditLines / 4;
        for (var i = 0; i < auditEvents; i++)
        {
            var at = Start + (Cycle * i / auditEvents);
            var uid = 1000 + random.Next(options.Users);
            var key = (i % 3) switch { 0 => "exec-watch", 1 => "docker-socket", _ => "docker-client" };
            AppendEvent(audit, at, 100_000 + i, uid, key);
        }

        var containers = new List<ContainerSnapshot>(options.Containers);
        for (var i = 0; i < options.Containers; i++)
        {
            var created = Start + (Cycle * i / options.Containers) + TimeSpan.FromMilliseconds(random.Next(-40, 40));
            var labels = new Dictionary<string, string> { ["com.example.build"] = i.ToString(CultureInfo.InvariantCulture) };
            if (i % 5 == 0)
            {
                labels["orbit.user"] = $"user{random.Next(options.Users):00}";
            }

            var id = $"{i:x8}{new string('c', 56)}";
            containers.Add(new ContainerSnapshot(id, [$"build-{i}"], labels, created, random.NextInt64(1, 400L << 20), i % 4 == 0 ? "running" : "exited"));
            events.Add(new HostEvent(Nanos(created), HostEventType.Container, HostEventAction.Create, id, $"build-{i}", labels));
        }

        var bases = Enumerable.Range(0, 5).Select(i => new LayerSnapshot($"sha256:base{i:x60}", random.NextInt64(20L << 20, 200L << 20))).ToArray();
        var images = new List<ImageSnapshot>(options.Images);
        for (var i = 0; i < options.Images; i++)
        {
            var layers = new List<LayerSnapshot> { bases[i % bases.Length] };
            for (var layer = 0; layer < 7; layer++)
            {
                layers.Add(new LayerSnapshot($"sha256:{i:x4}{layer:x4}{new string('1', 56)}", random.NextInt64(1L << 20, 50L << 20)));
            }

            var reference = $"registry.local:5000/team/app{i}:v1";
            images.Add(new ImageSnapshot($"sha256:{i:x8}{new string('a', 56)}", [reference], layers));
            var pulledAt = Start + (Cycle * i / options.Images) + TimeSpan.FromSeconds(1.5);
            events.Add(new HostEvent(Nanos(pulledAt), HostEventType.Image, HostEventAction.Pull, "", reference, new Dictionary<string, string> { ["name"] = reference }));
        }

        // The API hands events over in no reliable order within a second.
        events = [.. events.OrderBy(_ => random.Next())];
        return new SyntheticHost(Encoding.UTF8.GetBytes(audit.ToString()), PasswdFile.Parse(passwd.ToString()), limits, containers, images, events);
    }

    private static long Nanos(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static void AppendEvent(StringBuilder audit, DateTimeOffset at, long serial, int uid, string key)
    {
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{at.ToUnixTimeMilliseconds() / 1000}.{at.ToUnixTimeMilliseconds() % 1000:000}:{serial}");
        audit.Append(CultureInfo.InvariantCulture, $"type=SYSCALL msg=audit({stamp}): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=c0000a6000 a2=17 a3=0 items=1 ppid=2211 pid={3000 + (serial % 5000)} auid={uid} uid={uid} gid={uid} euid={uid} suid={uid} fsuid={uid} egid={uid} sgid={uid} fsgid={uid} tty=pts0 ses=4 comm=\"docker\" exe=\"/usr/bin/docker\" subj=unconfined key=\"{key}\"\n");
        audit.Append(CultureInfo.InvariantCulture, $"type=CWD msg=audit({stamp}): cwd=\"/home/user\"\n");
        audit.Append(CultureInfo.InvariantCulture, $"type=PATH msg=audit({stamp}): item=0 name=\"/var/run/docker.sock\" inode=1234 dev=00:19 mode=0140660 ouid=0 ogid=999 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0\n");
        audit.Append(CultureInfo.InvariantCulture, $"type=PROCTITLE msg=audit({stamp}): proctitle=646F636B65720070730061\n");
    }
}
