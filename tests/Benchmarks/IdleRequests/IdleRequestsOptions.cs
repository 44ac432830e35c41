namespace Orbit.Benchmarks.IdleRequests;

/// <summary>The knobs of <c>idle-requests</c>, validated once, and the command line that reproduces a run.</summary>
/// <param name="Minutes">Idle minutes counted per configuration.</param>
/// <param name="SettleSeconds">Seconds after the instances answer before counting starts (start-up creates queues and tables and takes leases).</param>
/// <param name="Instances">Instances of the app on one storage account and task hub.</param>
internal sealed record IdleRequestsOptions(int Minutes, int SettleSeconds, int Instances)
{
    public void Validate() =>
        OptionBounds.AtLeast(("--minutes", Minutes, 1), ("--settle-seconds", SettleSeconds, 0), ("--instances", Instances, 1));

    public string CommandLine =>
        $"dotnet run -c Release --project tests/Benchmarks -- idle-requests --minutes {Minutes} --settle-seconds {SettleSeconds} --instances {Instances}";
}
