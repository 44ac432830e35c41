using System.Text;
using Orbit.Hosts.Audit;

namespace Orbit.Hosts.Tests.Audit;

public sealed class AuditLogReaderTests
{
    private static readonly AuditLogReader Reader = new(AuditKeyFilter.Default);

    private static MemoryStream Log(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Reads_every_event_and_reports_the_offset_after_the_last_line()
    {
        var text = AuditLines.Event(1700000000, 1, 1001, 1001, "docker-client") + AuditLines.Event(1700000001, 2, 1002, 1002, "docker-socket");

        var result = await Reader.ReadAsync(Log(text), 0, CancellationToken.None);

        Assert.Equal([1L, 2L], result.Records.Select(record => record.Serial));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), result.NextOffset);
        Assert.Equal(8, result.LinesRead);
        Assert.False(result.StartedOver);
    }

    [Fact]
    public async Task Partial_last_line_is_left_for_the_next_read()
    {
        var complete = AuditLines.Syscall(1700000000, 1, 1001, 1001, "docker-client") + "\n";
        var partial = AuditLines.Syscall(1700000001, 2, 1002, 1002, "docker-client");

        var first = await Reader.ReadAsync(Log(complete + partial[..40]), 0, CancellationToken.None);
        var second = await Reader.ReadAsync(Log(complete + partial + "\n"), first.NextOffset, CancellationToken.None);

        Assert.Equal([1L], first.Records.Select(record => record.Serial));
        Assert.Equal(Encoding.UTF8.GetByteCount(complete), first.NextOffset);
        Assert.Equal([2L], second.Records.Select(record => record.Serial));
        Assert.Equal(Encoding.UTF8.GetByteCount(complete + partial + "\n"), second.NextOffset);
    }

    [Fact]
    public async Task Resuming_from_the_checkpoint_reads_only_new_lines()
    {
        var old = AuditLines.Event(1700000000, 1, 1001, 1001, "docker-client");
        var first = await Reader.ReadAsync(Log(old), 0, CancellationToken.None);

        var grown = old + AuditLines.Event(1700000005, 2, 1002, 1002, "docker-client");
        var second = await Reader.ReadAsync(Log(grown), first.NextOffset, CancellationToken.None);

        Assert.Equal([2L], second.Records.Select(record => record.Serial));
        Assert.Equal(4, second.LinesRead);
    }

    [Fact]
    public async Task Log_shorter_than_the_checkpoint_is_read_from_its_start()
    {
        var rotated = AuditLines.Syscall(1700000100, 50, 1001, 1001, "docker-client") + "\n";

        var result = await Reader.ReadAsync(Log(rotated), 1_000_000, CancellationToken.None);

        Assert.True(result.StartedOver);
        Assert.Equal([50L], result.Records.Select(record => record.Serial));
        Assert.Equal(Encoding.UTF8.GetByteCount(rotated), result.NextOffset);
    }

    [Fact]
    public async Task Lines_longer_than_the_read_buffer_are_parsed_whole()
    {
        var longExe = "/usr/bin/" + new string('d', 200_000);
        var text = AuditLines.Syscall(1700000000, 1, 1001, 1001, "docker-client", longExe) + "\n" + AuditLines.Syscall(1700000000, 2, 1001, 1001, "docker-client") + "\n";

        var result = await Reader.ReadAsync(Log(text), 0, CancellationToken.None);

        Assert.Equal(longExe, result.Records[0].Exe);
        Assert.Equal(2, result.Records.Count);
    }

    [Fact]
    public async Task Crlf_line_endings_are_accepted()
    {
        var result = await Reader.ReadAsync(Log(AuditLines.Syscall(1700000000, 1, 1001, 1001, "docker-client") + "\r\n"), 0, CancellationToken.None);

        Assert.Equal("docker-client", Assert.Single(result.Records).Key);
    }

    /// <summary>The reader's speed is measured by the host-attribution benchmark (docs/benchmarks.md), not here.</summary>
    [Fact]
    public async Task Fifty_thousand_lines_of_four_line_events_give_one_record_per_docker_client_event()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 12_500; i++)
        {
            builder.Append(AuditLines.Event(1700000000 + (i * 0.01), i, 1000 + (i % 40), 1000 + (i % 40), i % 3 == 0 ? "other" : "docker-client"));
        }

        var result = await Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(builder.ToString())), 0, CancellationToken.None);

        Assert.Equal(50_000, result.LinesRead);
        Assert.Equal(8_333, result.Records.Count);
    }
}
