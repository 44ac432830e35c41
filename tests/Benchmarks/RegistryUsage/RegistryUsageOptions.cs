namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>The benchmark's knobs, validated once, and the command line that reproduces a run with them.</summary>
internal sealed record RegistryUsageOptions(int Small, int Large, int Requests, int Images, int Concurrency, int Rounds)
{
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("--small", Small), ("--large", Large), ("--requests", Requests), ("--images", Images), ("--concurrency", Concurrency), ("--rounds", Rounds) })
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
            }
        }
    }

    /// <summary>Every option spelled out, defaults included, so a result in docs/benchmarks.md can be reproduced exactly.</summary>
    public string CommandLine =>
        $"dotnet run -c Release --project tests/Benchmarks -- registry-usage --small {Small} --large {Large} --requests {Requests} " +
        $"--images {Images} --concurrency {Concurrency} --rounds {Rounds}";
}
