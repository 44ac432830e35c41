using Microsoft.Extensions.Logging.Abstractions;
using Orbit.HostAgent.Audit;
using Orbit.HostAgent.Tests.Fixtures;
using Orbit.Hosts.Audit;
using Orbit.Testing;

namespace Orbit.HostAgent.Tests.Unit;

public sealed class AuditLogSourceTests
{
    [Fact]
    public async Task Reading_resumes_at_the_offset_and_starts_over_when_the_log_is_a_new_file_already_past_it()
    {
        var directory = ScratchDirectory.Create("orbit-audit-");
        try
        {
            var path = Path.Combine(directory, "audit.log");
            var writer = new AuditLogWriter(path);
            var start = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
            writer.Connect(1001, start);
            var source = new AuditLogSource(path, AuditKeyFilter.Default, NullLogger<AuditLogSource>.Instance);

            var first = await source.ReadAsync(0, null, CancellationToken.None);
            writer.Connect(1002, start.AddSeconds(1));
            var second = await source.ReadAsync(first.NextOffset, first.Inode, CancellationToken.None);

            Assert.Equal(1001, Assert.Single(first.Records).Uid);
            Assert.Equal(1002, Assert.Single(second.Records).Uid);
            Assert.NotNull(first.Inode);

            // Rotation: the old file is renamed away, a new one written longer than the old offset.
            File.Move(path, path + ".1");
            writer.Connect(1003, start.AddSeconds(2));
            writer.Connect(1004, start.AddSeconds(3));
            writer.Connect(1005, start.AddSeconds(4));
            var rotated = await source.ReadAsync(second.NextOffset, second.Inode, CancellationToken.None);

            Assert.NotEqual(second.Inode, rotated.Inode);
            Assert.Equal([1003L, 1004L, 1005L], rotated.Records.Select(record => record.Uid));
        }
        finally
        {
            ScratchDirectory.TryDelete(directory);
        }
    }

    [Fact]
    public async Task A_missing_log_gives_no_records_and_keeps_the_checkpoint()
    {
        var source = new AuditLogSource("/nonexistent/audit.log", AuditKeyFilter.Default, NullLogger<AuditLogSource>.Instance);

        var read = await source.ReadAsync(77, 5, CancellationToken.None);

        Assert.True(read.Missing);
        Assert.Empty(read.Records);
        Assert.Equal(77, read.NextOffset);
        Assert.Equal(5UL, read.Inode);
    }
}
