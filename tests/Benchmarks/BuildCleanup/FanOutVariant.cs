using Orbit.Quota.History;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The product's path: <c>POST /api/builds</c> into the workspace, whose usage is above its trigger, and poll until
/// the phase is <c>ready-to-build</c>. Timed from the POST to the poll that sees the phase, so it includes the lease, the
/// plan, the deletions (inline in the check within Builds:InlineCleanupBudget, the rest fanned out, one activity per
/// batch of digests, and the fan-in), the cleanup history and the lease's release. The history gives the deletions alone
/// ("deletes only"): from the check scheduled (it takes the lease, plans and carries out the plan inline) to the last
/// step that deletes completed (the check, which for a cleanup done inline also keeps the history and gives the lease back,
/// or the last fanned-out batch), without Durable's hops before the check and, for a fan-out, the history and the release. The
/// build is then terminated (not timed). A build that never gets past its plan is terminated too and reported as not
/// completed.
/// </summary>
/// <param name="label">Said after the name, for a contender with settings of its own.</param>
internal sealed class FanOutVariant(AppInstances instances, TimeSpan pollInterval, StatusSource pollVia, string? historyDirectory, string? label = null) : IDeletionVariant
{
    public const string DeleteActivity = "DeleteImageDigestsActivity";
    public const string InlineActivity = "CarryOutCleanupActivity";
    public const string CheckActivity = "CheckQuotaActivity";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    // A plan of a few hundred images takes well under a second; this long in "checking-quota" means it is not coming.
    private static readonly TimeSpan CheckingQuotaLimit = TimeSpan.FromSeconds(40);

    public string Name => $"cleanup, {instances.Count} instance{(instances.Count == 1 ? string.Empty : "s")}{(label is null ? string.Empty : $", {label}")}";

    public bool UpdatesAccounting => true;

    public int Processes => instances.Count;

    public Task<DeletionRun> RunAsync(CleanupWorkspace workspace, CancellationToken cancellationToken) => RunAsync(workspace, 0, cancellationToken);

    /// <param name="entry">Which instance (0 to <see cref="Processes"/> - 1) gets the POST: the warm-up uses each in turn.</param>
    public async Task<DeletionRun> RunAsync(CleanupWorkspace workspace, int entry, CancellationToken cancellationToken)
    {
        var api = instances.Apis[entry];
        var cpu = CpuMeter.Take();
        var build = await api.StartBuildAsync(workspace.Id, CleanupWorkspaceBuilder.AppId(0), $"{workspace.Id}/{CleanupWorkspaceBuilder.AppId(0)}", "next", cancellationToken);
        DateTimeOffset seenAt;
        int polls;
        try
        {
            (_, seenAt, polls) = await BuildWatch.UntilReadyAsync(api, build, pollInterval, Timeout, cancellationToken, CheckingQuotaLimit, pollVia);
        }
        catch (TimeoutException timeout)
        {
            await SaveHistoryAsync(build, cancellationToken);
            await api.TerminateAsync(build, "benchmark: not ready to build in time", cancellationToken);
            return new DeletionRun(0, double.NaN, [$"{timeout.Message} Terminated."]) { Completed = false, BuildId = build.Id };
        }

        var cpuUsed = CpuMeter.Between(cpu, CpuMeter.Take());
        // Before the build is ended below: the write of the status the poll saw, unless an episode since (a fan-out's lease
        // release, recorded whenever it completes) wrote the row again, which leaves that write's time unknown.
        var writtenAt = await BuildTimeline.InstanceWrittenAtAsync(instances.StorageConnectionString, instances.HubName, build.Id, cancellationToken);
        var readyWrittenAt = writtenAt <= seenAt ? writtenAt : null;
        // Not timed: the deletions (GET /api/builds/{id} has each, the status URL none) and the history.
        var status = await api.GetStatusAsync(build, cancellationToken);
        var timeline = await BuildTimeline.ReadAsync(instances.StorageConnectionString, instances.HubName, build.Id, cancellationToken);
        await SaveHistoryAsync(build, cancellationToken);
        await BuildWatch.EndAsync(api, build, cancellationToken);

        var problems = new List<string>();
        // The status lists a cleanup's first 1,000 deletions (what its history keeps) and counts all of them; the verifier then
        // checks every candidate against the registry and the accounting.
        var listed = status.Deletions.Select(deletion => deletion.Digest).ToHashSet(StringComparer.Ordinal);
        var expected = workspace.Candidates.Select(image => image.Digest).ToHashSet(StringComparer.Ordinal);
        if (status.Planned != expected.Count || !listed.IsSubsetOf(expected) || (status.Planned <= CleanupRecord.MaxDeletions && !listed.SetEquals(expected)))
        {
            problems.Add($"the plan deleted {status.Planned} digests ({listed.Count} listed, {listed.Except(expected).Count()} of them not candidates) against {expected.Count} candidates");
        }

        if (status.Deleted != status.Planned)
        {
            problems.Add($"{status.Deleted} of {status.Planned} planned digests deleted");
        }

        foreach (var failed in status.Deletions.Where(deletion => deletion.Result != "Deleted"))
        {
            problems.Add($"{failed.Repository}@{failed.Digest[..19]}: {failed.Result}");
        }

        // The deletions' window: from the first step that deletes (the check, which carries out the plan it makes inline, or
        // the inline activity of older builds, or the first fanned-out batches) to the last one's completion, so a cleanup
        // larger than the inline budget counts its inline part and its fan-out together.
        var deleting = timeline.Steps.Where(step => step.Activity is DeleteActivity or InlineActivity or CheckActivity).ToList();
        double? window = deleting.Count > 0 ? (deleting.Max(step => step.LastCompletedAt) - deleting.Min(step => step.ScheduledAt)).TotalSeconds : null;
        return new DeletionRun(status.Deleted, (seenAt - build.PostedAt).TotalSeconds, problems)
        {
            DeleteWindowSeconds = window,
            BuildId = build.Id,
            Timeline = timeline,
            StartedAt = build.PostedAt,
            EndedAt = seenAt,
            ReadyWrittenAt = readyWrittenAt,
            StatusPolls = polls,
            Cpu = cpuUsed,
        };
    }

    /// <summary>Diagnostic runs keep every fan-out's history, event by event, to read episode by episode.</summary>
    private async Task SaveHistoryAsync(BuildStarted build, CancellationToken cancellationToken)
    {
        if (historyDirectory is not null)
        {
            var timeline = await BuildTimeline.ReadAsync(instances.StorageConnectionString, instances.HubName, build.Id, cancellationToken);
            await File.WriteAllLinesAsync(
                Path.Combine(historyDirectory, $"build-{build.Id}.history.txt"),
                timeline.Entries.Select(entry => $"{entry.Timestamp:HH:mm:ss.fff} {entry.EventType,-22} {entry.TaskId?.ToString() ?? "-",4} {entry.FunctionName ?? string.Empty}"),
                cancellationToken);
        }
    }
}
