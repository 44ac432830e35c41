using Azure;

namespace Orbit.Orchestrations.Storage;

/// <summary>
/// An instance row: what status queries show, plus the bookkeeping the runtime commits with it. The row's
/// <see cref="ETag"/> is the commit point: an episode counts only once the row naming its history
/// (<see cref="EpisodeCount"/>, <see cref="LastEpisode"/>) is written over the ETag it read.
/// </summary>
public sealed record InstanceRecord(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus RuntimeStatus,
    string? Input,
    string? Output,
    string? CustomStatus,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public int EpisodeCount { get; init; }

    public string? LastEpisode { get; init; }

    /// <summary>Activities scheduled and not yet answered.</summary>
    public int OpenTasks { get; init; }

    /// <summary>When the earliest outstanding timer is due.</summary>
    public DateTimeOffset? NextTimerAt { get; init; }

    public DateTimeOffset? LastRedriveTime { get; init; }

    public ETag ETag { get; init; }
}
