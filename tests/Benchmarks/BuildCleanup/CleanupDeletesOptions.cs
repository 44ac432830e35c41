namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>The knobs of <c>cleanup-deletes</c>, validated once, and the command line that reproduces a run.</summary>
internal sealed record CleanupDeletesOptions(int Apps, int Tags, int Rounds, int WarmUpRounds, int Parallelism, int PollMilliseconds, string? AppLogDirectory)
{
    public void Validate()
    {
        foreach (var (name, value, least) in new[] { ("--apps", Apps, 1), ("--tags", Tags, CleanupWorkspaceBuilder.KeptPerApp + 1), ("--rounds", Rounds, 1), ("--warm-up-rounds", WarmUpRounds, 0), ("--parallelism", Parallelism, 1), ("--poll-ms", PollMilliseconds, 1) })
        {
            if (value < least)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {least}.");
            }
        }
    }

    public string CommandLine =>
        $"dotnet run -c Release --project tests/Benchmarks -- cleanup-deletes --apps {Apps} --tags {Tags} --rounds {Rounds} --warm-up-rounds {WarmUpRounds} --parallelism {Parallelism} --poll-ms {PollMilliseconds}" +
        (AppLogDirectory is null ? string.Empty : $" --app-log {AppLogDirectory}");
}
