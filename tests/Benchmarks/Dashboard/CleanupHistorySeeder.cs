using System.Diagnostics;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Benchmarks.Dashboard;

/// <summary>
/// Fills a workspace's cleanup history up to its bound with records as large as the history keeps (each at
/// <see cref="CleanupRecord.MaxDeletions"/> deletions and <see cref="CleanupRecord.MaxLogLines"/> log lines), written
/// through <see cref="CleanupHistory"/> as the cleanup writes them: the worst a workspace page can meet.
/// </summary>
internal sealed class CleanupHistorySeeder(CleanupHistory history, TextWriter output)
{
    private static readonly DateTimeOffset FirstCleanup = new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);

    public async Task SeedAsync(WorkspaceId workspace, int cleanups, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, cleanups), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (cleanup, token) => await history.RecordAsync(Record(workspace, cleanup), token));
        output.WriteLine($"  seeded {cleanups} cleanups of {CleanupRecord.MaxDeletions} deletions each into {workspace}'s history in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static CleanupRecord Record(WorkspaceId workspace, int cleanup)
    {
        var at = FirstCleanup.AddHours(cleanup);
        var deletions = Enumerable.Range(0, CleanupRecord.MaxDeletions).Select(index => new RecordedDeletion(
            RepositoryName.Parse($"apps/app{index % 100}"), Digest.Sha256Of(BitConverter.GetBytes((cleanup * CleanupRecord.MaxDeletions) + index)), [Tag.Parse($"v{index}")],
            "deleted", 256 * 1024, $"first pass: app{index % 100} keeps its newest 3 tags; v{index} is older", string.Empty)).ToList();
        var log = Enumerable.Range(0, CleanupRecord.MaxLogLines).Select(line => $"{at.AddMilliseconds(line):O} deleted apps/app{line % 100}:v{line} (256 KiB freed)").ToList();
        var freed = deletions.Sum(deletion => deletion.FreedBytes);
        return new CleanupRecord(workspace, $"build-{cleanup:D4}", at, "target-reached", 1L << 40, 900L << 30, freed, (900L << 30) - freed, deletions, log, null, null, at.AddSeconds(-30));
    }
}
