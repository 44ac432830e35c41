namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>Polls a build's status as a build system would, only much more often, so the moment a phase is seen is close to the moment it was written.</summary>
internal static class BuildWatch
{
    public const string CheckingQuota = "checking-quota";

    /// <summary>
    /// Polls every <paramref name="interval"/> until <c>ready-to-build</c>; returns that status and when the poll that saw it
    /// was answered. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>, or once the build has been
    /// checking its quota (lease and plan, before any deletion) for longer than <paramref name="checkingQuotaLimit"/>.
    /// </summary>
    public static async Task<(BuildSnapshot Status, DateTimeOffset SeenAt, int Polls)> UntilReadyAsync(
        OrbitApi api, BuildStarted build, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan? checkingQuotaLimit = null, StatusSource via = StatusSource.BuildEndpoint)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var planDeadline = DateTimeOffset.UtcNow + (checkingQuotaLimit ?? timeout);
        for (var polls = 1; ; polls++)
        {
            var status = await api.GetStatusAsync(build, cancellationToken, via);
            var seenAt = DateTimeOffset.UtcNow;
            if (status.IsReady)
            {
                return (status, seenAt, polls);
            }

            if (status.IsFinished)
            {
                throw new InvalidOperationException($"Build {build.Id} ended {status.RuntimeStatus} before it was ready to build.");
            }

            if (seenAt > planDeadline && status.Phase is null or CheckingQuota)
            {
                throw new TimeoutException($"Build {build.Id} was still {status.Phase ?? "pending"} (lease and plan, before any deletion) {(seenAt - build.PostedAt).TotalSeconds:0} s after the POST.");
            }

            if (seenAt > deadline)
            {
                throw new TimeoutException($"Build {build.Id} was not ready to build within {timeout.TotalSeconds:0} s; last phase {status.Phase ?? "(none)"}.");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>
    /// Terminates the build through the URL its start returned and waits for the instance to end, so no episode of it
    /// overlaps what is measured next. Terminated rather than reported failed: a failed build logs its exception with a
    /// stack trace in the host and the worker, which costs CPU the next measurement would share.
    /// </summary>
    public static async Task EndAsync(OrbitApi api, BuildStarted build, CancellationToken cancellationToken)
    {
        await api.TerminateAsync(build, "benchmark: measured", cancellationToken);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await api.GetStatusAsync(build, cancellationToken)).IsFinished)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Build {build.Id} did not end within 60 s of its termination.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }
}
