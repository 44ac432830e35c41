namespace Orbit.Orchestrations;

/// <summary>Settings of the orchestration runtime (section <c>Orchestrations</c>).</summary>
public sealed class OrchestrationOptions
{
    public const string SectionName = "Orchestrations";

    /// <summary>Names the queues and tables (letters and digits, 3–40, starting with a letter).</summary>
    public string HubName { get; set; } = "orbit";

    /// <summary>
    /// An active instance not updated for this long, with activities or a due timer outstanding, is re-driven
    /// by the sweeper: its outstanding work is sent again. Longer than any activity should take.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Six-field cron schedule of the sweeper (a singleton across instances).</summary>
    public string SweepSchedule { get; set; } = "*/30 * * * * *";

    /// <summary>How many work-item or timer messages one episode sends at once.</summary>
    public int SendParallelism { get; set; } = 16;

    public TaskHubNames Names => new(HubName);
}
