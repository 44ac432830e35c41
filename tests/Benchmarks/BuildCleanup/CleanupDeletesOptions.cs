namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The knobs of <c>cleanup-deletes</c>, validated once, and the command line that reproduces a run.</summary>
/// <param name="RegistryCpu">
/// With a CPU, the registry runs on that CPU alone and everything else (this benchmark, Azurite, the app processes)
/// on the others, as in a deployment where the registry does not share its machine: then the raw loop measures the
/// registry's own limit rather than what is left of a machine the client and the accounting also need.
/// </param>
/// <param name="PollVia">Where the fan-outs' status is polled: the status URL (the host's Durable extension alone, the cheapest poll) by default.</param>
/// <param name="FreezeIdleApps">
/// Stop (SIGSTOP) the app instances a variant does not use during its timed part: idle, they poll their task hubs, on
/// the CPU a cleanup shares with Azurite, and that polling belongs to neither contender.
/// </param>
/// <param name="SmallWarmUps">
/// Small cleanups per fan-out process after the full-size warm-ups. The apps tier a method up after 5 calls (the
/// benchmark's setting), to instrumented code and then to optimized code: what runs once per cleanup is optimized only
/// after about ten cleanups, and a first timed round after fewer recompiles it (a thousand methods in one profile).
/// </param>
/// <param name="StorageInMemory">
/// Azurite keeps its data in memory (<c>--inMemoryPersistence</c>). On disk, it writes each of its databases whole every
/// 5 s once changed (LokiJS's autosave), on the CPU the app shares with it: a cost a storage account does not put on the
/// app's machine, which lands on whichever cleanup's timed part it meets and never on the raw loop (which stores nothing).
/// </param>
/// <param name="ContenderSettings">
/// With settings, a third cleanup variant: one instance with these on top of <paramref name="FanOutSettings"/>, timed in
/// the same rounds, so a setting is compared with the one-instance cleanup on the same registry pace.
/// </param>
/// <param name="ContenderApp">
/// With a folder, the contender runs that build of the app (its output folder, with <c>functions.metadata</c>) instead of
/// this checkout's: two versions of the code side by side in one run.
/// </param>
/// <param name="WithoutPair">Leaves out the two-instance cleanup, for shorter diagnostic runs.</param>
/// <param name="PushOrderRaw">Adds the raw loop in the candidates' push order, the baseline of the runs before 2026-12-06 09:00 UTC (<see cref="RawParallelDeleteVariant"/>).</param>
/// <param name="FanOutSettings">App settings for the fan-outs' instances beyond the benchmark's own (<c>--setting NAME=VALUE</c>), such as a batch size or a Durable setting to try; the setup process keeps the defaults.</param>
internal sealed record CleanupDeletesOptions(
    int Apps, int Tags, int Rounds, int WarmUpRounds, int Parallelism, int PollMilliseconds, StatusSource PollVia, string? AppLogDirectory, int? RegistryCpu, IReadOnlyDictionary<string, string?> FanOutSettings,
    IReadOnlyDictionary<string, string?> ContenderSettings, bool FreezeIdleApps = false, int SmallWarmUps = 0, bool StorageInMemory = false, bool WithoutPair = false, string? ContenderApp = null, bool PushOrderRaw = false)
{
    /// <summary>Whether a third cleanup variant runs: other settings, another build of the app, or both.</summary>
    public bool HasContender => ContenderApp is not null || ContenderSettings.Count > 0;

    public void Validate()
    {
        if (ContenderApp is not null && !File.Exists(Path.Combine(ContenderApp, "functions.metadata")))
        {
            throw new ArgumentException($"--contender-app {ContenderApp}: no functions.metadata there; give the output folder of a build of functions/ (bin/Release/net10.0).", "--contender-app");
        }

        if (RegistryCpu is { } cpu)
        {
            if (!CpuAffinity.Online().Contains(cpu))
            {
                throw new ArgumentOutOfRangeException("--registry-cpu", cpu, $"CPU {cpu} is not online here (online: {CpuAffinity.Format(CpuAffinity.Online())}).");
            }

            if (CpuAffinity.OfThisProcess().Contains(cpu))
            {
                throw new ArgumentException(
                    $"--registry-cpu {cpu} gives the registry CPU {cpu} to itself, but this benchmark may also run there; start it with `{TasksetPrefix.TrimEnd()}` " +
                    "so the benchmark, Azurite and the app processes keep off the registry's CPU.", "--registry-cpu");
            }
        }

        OptionBounds.AtLeast(
            ("--apps", Apps, 1), ("--tags", Tags, CleanupWorkspaceBuilder.KeptPerApp + 1), ("--rounds", Rounds, 1), ("--warm-up-rounds", WarmUpRounds, 0),
            ("--small-warm-ups", SmallWarmUps, 0), ("--parallelism", Parallelism, 1), ("--poll-ms", PollMilliseconds, 1));
    }

    public string CommandLine =>
        TasksetPrefix +
        $"dotnet run -c Release --project tests/Benchmarks -- cleanup-deletes --apps {Apps} --tags {Tags} --rounds {Rounds} --warm-up-rounds {WarmUpRounds}" +
        (SmallWarmUps == 0 ? string.Empty : $" --small-warm-ups {SmallWarmUps}") +
        $" --parallelism {Parallelism} --poll-ms {PollMilliseconds}" +
        (PollVia == StatusSource.StatusUrl ? string.Empty : $" --poll-via {PollVia}") +
        (AppLogDirectory is null ? string.Empty : $" --app-log {AppLogDirectory}") +
        (RegistryCpu is { } cpu ? $" --registry-cpu {cpu}" : string.Empty) +
        (FreezeIdleApps ? " --freeze-idle-apps" : string.Empty) +
        (StorageInMemory ? " --storage-in-memory" : string.Empty) +
        (WithoutPair ? " --without-pair" : string.Empty) +
        (PushOrderRaw ? " --push-order-raw" : string.Empty) +
        (ContenderApp is null ? string.Empty : $" --contender-app {ContenderApp}") +
        string.Concat(FanOutSettings.Select(pair => $" --setting {pair.Key}={pair.Value}")) +
        string.Concat(ContenderSettings.Select(pair => $" --contender-setting {pair.Key}={pair.Value}"));

    private string TasksetPrefix => RegistryCpu is { } cpu ? $"taskset --cpu-list {CpuAffinity.Format(CpuAffinity.Online().Where(other => other != cpu))} " : string.Empty;
}
