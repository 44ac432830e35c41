namespace Orbit.Benchmarks.RegistryUsage;

/// <summary>The benchmark's knobs, validated once, and the command line that reproduces a run with them.</summary>
internal sealed record RegistryUsageOptions(int Small, int Large, int Requests, int Images, int Concurrency, int Rounds)
{
    public void Validate() =>
        OptionBounds.AtLeast(("--small", Small, 1), ("--large", Large, 1), ("--requests", Requests, 1), ("--images", Images, 1), ("--concurrency", Concurrency, 1), ("--rounds", Rounds, 1));

    /// <summary>Every option spelled out, defaults included, so a result in docs/benchmarks.md can be reproduced exactly.</summary>
    public string CommandLine =>
        $"dotnet run -c Release --project tests/Benchmarks -- registry-usage --small {Small} --large {Large} --requests {Requests} " +
        $"--images {Images} --concurrency {Concurrency} --rounds {Rounds}";
}
