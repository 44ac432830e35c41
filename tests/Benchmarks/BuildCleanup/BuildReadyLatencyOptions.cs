namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The knobs of <c>build-ready-latency</c>, validated once, and the command line that reproduces a run.</summary>
internal sealed record BuildReadyLatencyOptions(int Builds, int WarmUp, int PollMilliseconds, int UsageReads, string? AppLogDirectory)
{
    public void Validate()
    {
        foreach (var (name, value, least) in new[] { ("--builds", Builds, 1), ("--warm-up", WarmUp, 0), ("--poll-ms", PollMilliseconds, 0), ("--usage-reads", UsageReads, 1) })
        {
            if (value < least)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {least}.");
            }
        }
    }

    public string CommandLine =>
        $"dotnet run -c Release --project tests/Benchmarks -- build-ready-latency --builds {Builds} --warm-up {WarmUp} --poll-ms {PollMilliseconds} --usage-reads {UsageReads}" +
        (AppLogDirectory is null ? string.Empty : $" --app-log {AppLogDirectory}");
}
