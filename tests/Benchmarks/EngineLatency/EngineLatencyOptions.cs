namespace Orbit.Benchmarks.EngineLatency;

/// <summary>The knobs of <c>engine-latency</c>, validated once, and the command line that reproduces a run.</summary>
/// <param name="FanOut">Activities of the larger orchestration (the smaller has one).</param>
/// <param name="PerRound">Timed instances of each size per contender per round.</param>
/// <param name="PauseMilliseconds">Idle time before each instance: 0 measures pollers kept busy, a second or more pollers backed off to their longest interval.</param>
/// <param name="MaxQueuePollingMilliseconds">Durable's maxQueuePollingInterval for both contenders (the app's host.json: 100).</param>
internal sealed record EngineLatencyOptions(int FanOut, int Rounds, int PerRound, int WarmUp, int PollMilliseconds, int PauseMilliseconds, int MaxQueuePollingMilliseconds)
{
    public void Validate() =>
        OptionBounds.AtLeast(
            ("--fan-out", FanOut, 2), ("--rounds", Rounds, 1), ("--per-round", PerRound, 1), ("--warm-up", WarmUp, 0), ("--poll-ms", PollMilliseconds, 1),
            ("--pause-ms", PauseMilliseconds, 0), ("--max-queue-polling-ms", MaxQueuePollingMilliseconds, 10));

    public string CommandLine =>
        $"dotnet run -c Release --project tests/Benchmarks -- engine-latency --fan-out {FanOut} --rounds {Rounds} --per-round {PerRound} --warm-up {WarmUp} " +
        $"--poll-ms {PollMilliseconds} --pause-ms {PauseMilliseconds} --max-queue-polling-ms {MaxQueuePollingMilliseconds}";
}
