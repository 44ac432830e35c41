using System.Text.Json;
using Orbit.Quota.Cleanup;
using Xunit.Abstractions;

namespace Orbit.Quota.Tests.Builds;

/// <summary>
/// A cleanup with the registry's notifications on: each manifest the cleanup deletes comes back as a delete event, which
/// may untrack the digest before the cleanup's own commit does. Whoever untracks first, the report tells one truth.
/// </summary>
[Collection(NotifiedBuildsAppCollection.Name)]
public sealed class CleanupRaceTests(NotifiedBuildsAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_cleanup_racing_the_registrys_delete_events_reports_freed_bytes_equal_to_the_usage_drop_and_to_its_log_lines()
    {
        var workspace = await SeededWorkspace.CreateAsync(fixture, apps: 10, tags: 8);
        var before = await fixture.UsageAsync(workspace.Id);
        const long Estimate = 4096;

        var build = await BuildInstance.StartAsync(fixture.App.Http, new
        {
            workspaceId = workspace.Id, appId = "app0", repository = SeededWorkspace.Repository(workspace.Id, 0), tag = "2.0", registry = "managed", estimatedBytes = Estimate,
        });
        var ready = await build.WaitForPhaseAsync("ready-to-build");
        var after = await fixture.UsageAsync(workspace.Id);

        var cleanup = ready.GetProperty("cleanup");
        var deletions = cleanup.GetProperty("deletions").EnumerateArray().ToList();
        var freed = cleanup.GetProperty("freedBytes").GetInt64();
        var raced = fixture.App.Output.Split('\n').Count(line => line.Contains($"in workspace {workspace.Id}", StringComparison.Ordinal) && line.Contains("Registry deleted ", StringComparison.Ordinal));
        output.WriteLine($"{deletions.Count} deletions, {raced} of them untracked by the registry's delete event first; freed {freed} bytes; usage {before.CurrentBytes} -> {after.CurrentBytes}");
        Assert.NotEmpty(deletions);
        Assert.All(deletions, deletion => Assert.Equal("Deleted", deletion.GetProperty("result").GetString()));
        Assert.Equal(before.CurrentBytes, cleanup.GetProperty("usedBytesBefore").GetInt64());
        Assert.Equal(before.CurrentBytes - after.CurrentBytes, freed);
        Assert.Equal(after.CurrentBytes, cleanup.GetProperty("usedBytesAfter").GetInt64());
        Assert.Equal(freed, deletions.Sum(deletion => deletion.GetProperty("freedBytes").GetInt64()));

        // The log says the same, in the same units: the summary's total and each deletion's line.
        var log = ready.GetProperty("buildLog").EnumerateArray().Select(line => line.GetString()!).ToList();
        Assert.Contains(log, line => line.StartsWith($"Freed {ByteSize.Format(freed)}: deleted {deletions.Count} images; usage {UsagePercent.Format(before.CurrentBytes, before.QuotaBytes)} -> {UsagePercent.Format(after.CurrentBytes, before.QuotaBytes)}", StringComparison.Ordinal));
        foreach (var deletion in deletions)
        {
            var tags = deletion.GetProperty("tags").EnumerateArray().Select(tag => $"{deletion.GetProperty("repository").GetString()}:{tag.GetString()}").ToList();
            var bytes = $"{ByteSize.Format(deletion.GetProperty("freedBytes").GetInt64())} freed";
            Assert.True(log.Any(line => line.StartsWith("deleted ", StringComparison.Ordinal) && tags.All(line.Contains) && line.Contains(bytes, StringComparison.Ordinal)),
                $"no log line says {string.Join(", ", tags)} ({bytes}): {string.Join(" | ", log)}");
        }

        await build.FailedAsync("test over");
    }
}
