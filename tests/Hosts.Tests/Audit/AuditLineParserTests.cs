using System.Text;
using Orbit.Hosts.Audit;

namespace Orbit.Hosts.Tests.Audit;

public sealed class AuditLineParserTests
{
    private static AuditRecord? Parse(string line, AuditKeyFilter? keys = null) =>
        AuditLineParser.TryParse(Encoding.UTF8.GetBytes(line), keys ?? AuditKeyFilter.Default, out var record) ? record : null;

    [Fact]
    public void Syscall_with_a_watched_key_yields_time_serial_ids_key_and_exe()
    {
        var record = Parse(AuditLines.Syscall(1700000000.123, 4567, uid: 0, auid: 1001, key: "docker-client"));

        Assert.NotNull(record);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), record.Timestamp);
        Assert.Equal(4567, record.Serial);
        Assert.Equal(0, record.Uid);
        Assert.Equal(1001, record.Auid);
        Assert.Equal(1001, record.UserId);
        Assert.Equal("docker-client", record.Key);
        Assert.Equal("/usr/bin/docker", record.Exe);
    }

    [Fact]
    public void Unset_login_uid_falls_back_to_the_process_uid()
    {
        var record = Parse(AuditLines.Syscall(1700000000.5, 1, uid: 1002, auid: AuditRecord.UnsetId, key: "docker-socket"));

        Assert.NotNull(record);
        Assert.Equal(1002, record.UserId);
    }

    [Theory]
    [InlineData("other-key")]
    [InlineData("docker")]
    [InlineData("docker-client-extra")]
    public void Syscall_with_an_unwatched_key_is_skipped(string key) =>
        Assert.Null(Parse(AuditLines.Syscall(1700000000, 1, 1001, 1001, key)));

    [Fact]
    public void Configured_keys_replace_the_defaults()
    {
        var keys = new AuditKeyFilter(["podman-socket"]);

        Assert.NotNull(Parse(AuditLines.Syscall(1700000000, 1, 1001, 1001, "podman-socket"), keys));
        Assert.Null(Parse(AuditLines.Syscall(1700000000, 1, 1001, 1001, "docker-socket"), keys));
    }

    [Fact]
    public void Path_cwd_and_proctitle_records_of_the_same_event_are_skipped()
    {
        var lines = AuditLines.Event(1700000000, 9, 1001, 1001, "docker-client").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.Single(lines, line => Parse(line) is not null);
    }

    [Fact]
    public void Null_key_is_skipped() =>
        Assert.Null(Parse("type=SYSCALL msg=audit(1700000000.000:3): arch=c000003e syscall=42 success=yes auid=1001 uid=1001 exe=\"/usr/bin/docker\" key=(null)"));

    [Fact]
    public void Config_change_records_with_a_watched_key_are_skipped() =>
        Assert.Null(Parse("type=CONFIG_CHANGE msg=audit(1700000000.000:3): auid=4294967295 ses=4294967295 subj=unconfined op=add_rule key=\"docker-socket\" list=4 res=1"));

    [Fact]
    public void Hex_encoded_keys_of_an_event_matching_several_rules_are_matched()
    {
        // "audit-all" 0x01 "docker-socket", hex-encoded as auditd writes several keys.
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes("audit-all\u0001docker-socket"));
        var record = Parse($"type=SYSCALL msg=audit(1700000000.000:3): arch=c000003e syscall=42 auid=1001 uid=1001 exe=\"/usr/bin/docker\" key={hex}");

        Assert.NotNull(record);
        Assert.Equal("docker-socket", record.Key);
    }

    [Fact]
    public void Hex_encoded_exe_is_decoded()
    {
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes("/opt/my tools/docker"));
        var record = Parse($"type=SYSCALL msg=audit(1700000000.000:3): auid=1001 uid=1001 exe={hex} key=\"docker-client\"");

        Assert.Equal("/opt/my tools/docker", record?.Exe);
    }

    [Fact]
    public void Node_prefix_and_enriched_tail_are_understood()
    {
        var record = Parse("node=build-01 type=SYSCALL msg=audit(1700000000.250:77): arch=c000003e syscall=42 auid=1001 uid=0 euid=0 exe=\"/usr/bin/docker\" key=\"docker-client\"\u001dARCH=x86_64 SYSCALL=connect AUID=\"alice\" UID=\"root\" EUID=\"root\"");

        Assert.NotNull(record);
        Assert.Equal(1001, record.Auid);
        Assert.Equal(0, record.Uid);
        Assert.Equal(77, record.Serial);
    }

    [Fact]
    public void Euid_and_fsuid_do_not_stand_in_for_uid()
    {
        Assert.Null(Parse("type=SYSCALL msg=audit(1700000000.000:3): auid=1001 euid=1001 fsuid=1001 exe=\"/usr/bin/docker\" key=\"docker-client\""));
    }

    [Theory]
    [InlineData("type=SYSCALL msg=audit(garbage): uid=1 key=\"docker-client\"")]
    [InlineData("type=SYSCALL msg=audit(1700000000.000:3: uid=1 key=\"docker-client\"")]
    [InlineData("type=SYSCALL msg=audit(1700000000.000:3): uid=abc key=\"docker-client\"")]
    [InlineData("type=SYSCALL msg=audit(1700000000.000:3): uid=99999999999 key=\"docker-client\"")]
    [InlineData("")]
    [InlineData("type=SYSCALL")]
    public void Malformed_lines_are_skipped(string line) => Assert.Null(Parse(line));
}
