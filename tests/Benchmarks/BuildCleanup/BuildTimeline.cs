using Azure.Data.Tables;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Where an orchestration's time went, from its history in the task hub's <c>&lt;hub&gt;History</c> table (read straight
/// from storage, since Durable's HTTP API leaves the episodes out of <c>showHistory</c>): the instance's creation, each
/// episode (each starts with OrchestratorStarted), each activity's scheduling and completion, and which episode recorded
/// which completion. The Durable Task engine writes these timestamps itself, so they split the measured latency into its hops.
/// </summary>
internal sealed class BuildTimeline
{
    private BuildTimeline(IReadOnlyList<HistoryEntry> entries) => Entries = entries;

    public IReadOnlyList<HistoryEntry> Entries { get; }

    public DateTimeOffset CreatedAt => Entries.First(entry => entry.EventType == "ExecutionStarted").Timestamp;

    public DateTimeOffset FirstEpisodeAt => Entries.First(entry => entry.EventType == "OrchestratorStarted").Timestamp;

    /// <summary>The steps in order, up to the first one after which nothing more was scheduled (a build's wait for its image).</summary>
    public IReadOnlyList<TimelineStep> Steps
    {
        get
        {
            var steps = new List<TimelineStep>();
            foreach (var group in Entries.Where(entry => entry.EventType == "TaskScheduled").GroupBy(entry => (entry.EpisodeStart, entry.FunctionName)))
            {
                var ids = group.Select(entry => entry.TaskId).ToHashSet();
                var completions = Entries.Where(entry => entry.EventType is "TaskCompleted" or "TaskFailed" && ids.Contains(entry.TaskId)).ToList();
                if (completions.Count < ids.Count)
                {
                    continue;
                }

                var last = completions.MaxBy(entry => entry.Timestamp)!;
                steps.Add(new TimelineStep(group.Key.FunctionName ?? "?", ids.Count, group.Min(entry => entry.Timestamp), last.Timestamp, completions.Max(entry => entry.EpisodeStart)));
            }

            return steps;
        }
    }

    /// <summary>Episodes that started before <paramref name="until"/> (inclusive).</summary>
    public int EpisodesUntil(DateTimeOffset until) => Entries.Count(entry => entry.EventType == "OrchestratorStarted" && entry.Timestamp <= until);

    /// <summary>The completions of <paramref name="activity"/>, each with how long it waited to be recorded by an episode, in ms.</summary>
    public IReadOnlyList<(DateTimeOffset CompletedAt, double RecordLagMs)> Completions(string activity)
    {
        var ids = Entries.Where(entry => entry.EventType == "TaskScheduled" && entry.FunctionName == activity).Select(entry => entry.TaskId).ToHashSet();
        return Entries.Where(entry => entry.EventType is "TaskCompleted" or "TaskFailed" && ids.Contains(entry.TaskId))
            .Select(entry => (entry.Timestamp, (entry.EpisodeStart - entry.Timestamp).TotalMilliseconds))
            .OrderBy(pair => pair.Timestamp)
            .ToList();
    }

    /// <summary>Episodes that recorded at least one completion of <paramref name="activity"/>.</summary>
    public int EpisodesRecording(string activity)
    {
        var ids = Entries.Where(entry => entry.EventType == "TaskScheduled" && entry.FunctionName == activity).Select(entry => entry.TaskId).ToHashSet();
        return Entries.Where(entry => entry.EventType is "TaskCompleted" or "TaskFailed" && ids.Contains(entry.TaskId)).Select(entry => entry.EpisodeStart).Distinct().Count();
    }

    /// <summary>
    /// The hops from the POST to the phase being seen, which add up to the whole: the start request, the first episode,
    /// then per step the episode's time until it scheduled its activities, the activities (scheduled to last completed) and
    /// the hop back to the episode that recorded it;
    /// last, from that episode's start until a poll saw its status.
    /// </summary>
    /// <param name="readyWrittenAt">When storage wrote the status the poll saw, if known: the last hop is then split at it.</param>
    public IReadOnlyList<(string Hop, double Ms)> Hops(DateTimeOffset postedAt, DateTimeOffset readySeenAt, DateTimeOffset? readyWrittenAt = null)
    {
        var hops = new List<(string, double)>
        {
            ("POST -> instance created", (CreatedAt - postedAt).TotalMilliseconds),
            ("created -> episode 1 starts", (FirstEpisodeAt - CreatedAt).TotalMilliseconds),
        };
        var previousEpisode = FirstEpisodeAt;
        foreach (var step in Steps.Where(step => step.RecordedAt <= readySeenAt))
        {
            hops.Add(($"episode -> {step.Label} scheduled", (step.ScheduledAt - previousEpisode).TotalMilliseconds));
            hops.Add(($"scheduled -> {step.Label} done", (step.LastCompletedAt - step.ScheduledAt).TotalMilliseconds));
            hops.Add(($"{step.Label} done -> recording episode starts", (step.RecordedAt - step.LastCompletedAt).TotalMilliseconds));
            previousEpisode = step.RecordedAt;
        }

        if (readyWrittenAt is { } written)
        {
            hops.Add(("last episode starts -> ready written", (written - previousEpisode).TotalMilliseconds));
            hops.Add(("written -> seen by a poll", (readySeenAt - written).TotalMilliseconds));
        }
        else
        {
            hops.Add(("last episode starts -> ready seen by a poll", (readySeenAt - previousEpisode).TotalMilliseconds));
        }

        return hops;
    }

    /// <summary>When storage last wrote <paramref name="instanceId"/>'s row in <paramref name="hubName"/>'s instances table (the row's Timestamp).</summary>
    public static async Task<DateTimeOffset?> InstanceWrittenAtAsync(string storageConnectionString, string hubName, string instanceId, CancellationToken cancellationToken)
    {
        var table = new TableClient(storageConnectionString, $"{hubName}Instances");
        var row = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, select: ["Timestamp"], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.Timestamp : null;
    }

    /// <summary>The history of <paramref name="instanceId"/> in <paramref name="hubName"/>'s history table, in the order it was written.</summary>
    public static async Task<BuildTimeline> ReadAsync(string storageConnectionString, string hubName, string instanceId, CancellationToken cancellationToken)
    {
        var table = new TableClient(storageConnectionString, $"{hubName}History");
        var entries = new List<HistoryEntry>();
        var episodeStart = DateTimeOffset.MinValue;
        // Rows are keyed by sequence number (16 hex digits), so they come back in the order the engine appended them.
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            if (row.GetString("EventType") is not { } type)
            {
                continue;
            }

            // The event's own time; the table's Timestamp column is taken by storage, so the engine writes it as _Timestamp.
            var timestamp = row.GetDateTimeOffset("_Timestamp") ?? row.GetDateTimeOffset("Timestamp") ?? DateTimeOffset.MinValue;
            if (type == "OrchestratorStarted")
            {
                episodeStart = timestamp;
            }

            int? taskId = type switch
            {
                "TaskScheduled" => row.GetInt32("EventId"),
                "TaskCompleted" or "TaskFailed" => row.GetInt32("TaskScheduledId"),
                _ => null,
            };
            entries.Add(new HistoryEntry(type, timestamp, taskId, type == "TaskScheduled" ? row.GetString("Name") : null, episodeStart));
        }

        return new BuildTimeline(entries);
    }
}
