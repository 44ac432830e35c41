namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The knobs of <c>build-ready-latency</c>, validated once, and the command line that reproduces a run.</summary>
/// <param name="PauseMilliseconds">Idle time before each build, so the engine's queue pollers have backed off as between a build system's calls.</param>
/// <param name="HostSettings">App settings for the app's instances beyond the benchmark's own (<c>--setting NAME=VALUE</c>), such as a Durable setting to try.</param>
/// <param name="Instances">
/// Instances of the app on one task hub; the POSTs and polls go to the first. With more than one, a build whose instance
/// id falls in a control-queue partition another instance owns is run there: its first hop crosses processes and waits
/// for that instance's poll, which no local wake-up shortens.
/// </param>
internal sealed record BuildReadyLatencyOptions(
    int Builds, int WarmUp, int PollMilliseconds, int PauseMilliseconds, int UsageReads, string? AppLogDirectory, IReadOnlyDictionary<string, string?> HostSettings, int Instances)
{
    public void Validate() =>
        OptionBounds.AtLeast(("--builds", Builds, 2), ("--warm-up", WarmUp, 0), ("--poll-ms", PollMilliseconds, 0), ("--pause-ms", PauseMilliseconds, 0), ("--usage-reads", UsageReads, 1), ("--instances", Instances, 1));

    public string CommandLine =>
        $"dotnet run -c Release --project tests/Benchmarks -- build-ready-latency --builds {Builds} --warm-up {WarmUp} --poll-ms {PollMilliseconds} --pause-ms {PauseMilliseconds} --usage-reads {UsageReads}" +
        (Instances == 1 ? string.Empty : $" --instances {Instances}") +
        string.Concat(HostSettings.Select(pair => $" --setting {pair.Key}={pair.Value}")) +
        (AppLogDirectory is null ? string.Empty : $" --app-log {AppLogDirectory}");
}
