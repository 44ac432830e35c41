namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The product's path: <c>POST /api/builds</c> into the workspace, whose usage is above its trigger, and poll until
/// <c>customStatus.phase</c> is <c>ready-to-build</c>. Timed from the POST to the poll that sees the phase, so it
/// includes the lease, the plan, the fan-out of one work item per batch of digests, the fan-in and the lease's release. The
/// history gives the deletions alone: the first DeleteImageDigestsActivity scheduled to the last one completed. The
/// build is then ended with BuildFailed (not timed). A build that never gets past its plan is terminated and reported
/// as not completed, with the size its plan's result has as a queue message (see <see cref="PlanMessageSize"/>).
/// </summary>
internal sealed class FanOutVariant(AppInstances instances, TimeSpan pollInterval, string? historyDirectory) : IDeletionVariant
{
    public const string DeleteActivity = "DeleteImageDigestsActivity";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    // A plan of a few hundred images takes well under a second; this long in "checking-quota" means it is not coming.
    private static readonly TimeSpan CheckingQuotaLimit = TimeSpan.FromSeconds(40);

    public string Name => $"fan-out, {instances.Count} instance{(instances.Count == 1 ? string.Empty : "s")}";

    public bool UpdatesAccounting => true;

    public int Processes => instances.Count;

    public Task<DeletionRun> RunAsync(CleanupWorkspace workspace, CancellationToken cancellationToken) => RunAsync(workspace, 0, cancellationToken);

    /// <param name="entry">Which process (0 to <see cref="Processes"/> - 1) gets the POST and so, usually, the work: the warm-up uses each in turn.</param>
    public async Task<DeletionRun> RunAsync(CleanupWorkspace workspace, int entry, CancellationToken cancellationToken)
    {
        var api = instances.Apis[entry];
        var planMessageBytes = PlanMessageSize.Estimate(await api.PreviewCleanupAsync(workspace.Id, cancellationToken));
        var cpu = CpuMeter.Take();
        var build = await api.StartBuildAsync(workspace.Id, CleanupWorkspaceBuilder.AppId(0), $"{workspace.Id}/{CleanupWorkspaceBuilder.AppId(0)}", "next", cancellationToken);
        BuildSnapshot status;
        DateTimeOffset seenAt;
        int polls;
        try
        {
            (status, seenAt, polls) = await BuildWatch.UntilReadyAsync(api, build, pollInterval, Timeout, cancellationToken, CheckingQuotaLimit);
        }
        catch (TimeoutException timeout)
        {
            await SaveHistoryAsync(api, build, cancellationToken);
            await api.TerminateAsync(build, "benchmark: not ready to build in time", cancellationToken);
            return new DeletionRun(0, double.NaN, [
                $"{timeout.Message} Terminated.",
                $"its plan's result is about {planMessageBytes:N0} bytes as a control message; the queue takes at most {PlanMessageSize.QueueMessageLimit:N0}" +
                    (planMessageBytes > PlanMessageSize.QueueMessageLimit ? " (too large: the app's log shows 413 RequestBodyTooLarge for it)" : string.Empty),
            ])
            {
                Completed = false,
                PlanMessageBytes = planMessageBytes,
            };
        }

        var cpuUsed = CpuMeter.Between(cpu, CpuMeter.Take());
        var timeline = await api.GetTimelineAsync(build, cancellationToken);
        await SaveHistoryAsync(api, build, cancellationToken);
        await BuildWatch.EndAsync(api, build, cancellationToken);

        var problems = new List<string>();
        var planned = status.Deletions.Select(deletion => deletion.Digest).ToHashSet(StringComparer.Ordinal);
        var expected = workspace.Candidates.Select(image => image.Digest).ToHashSet(StringComparer.Ordinal);
        if (!planned.SetEquals(expected))
        {
            problems.Add($"the plan deleted {planned.Count} digests, {planned.Except(expected).Count()} of them not candidates; {expected.Except(planned).Count()} candidates not planned");
        }

        foreach (var failed in status.Deletions.Where(deletion => deletion.Result != "Deleted"))
        {
            problems.Add($"{failed.Repository}@{failed.Digest[..19]}: {failed.Result}");
        }

        var deletions = timeline.Steps.Where(step => step.Activity == DeleteActivity).ToList();
        return new DeletionRun(status.Deletions.Count(deletion => deletion.Result == "Deleted"), (seenAt - build.PostedAt).TotalSeconds, problems)
        {
            DeleteWindowSeconds = deletions.Count == 1 ? (deletions[0].LastCompletedAt - deletions[0].ScheduledAt).TotalSeconds : null,
            Timeline = timeline,
            StartedAt = build.PostedAt,
            EndedAt = seenAt,
            StatusPolls = polls,
            PlanMessageBytes = planMessageBytes,
            Cpu = cpuUsed,
        };
    }

    /// <summary>Diagnostic runs keep every fan-out's full history, to read episode by episode.</summary>
    private async Task SaveHistoryAsync(OrbitApi api, BuildStarted build, CancellationToken cancellationToken)
    {
        if (historyDirectory is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(historyDirectory, $"build-{build.Id}.json"), await api.GetHistoryJsonAsync(build, cancellationToken), cancellationToken);
        }
    }
}
