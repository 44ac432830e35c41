using System.Text.Json;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// Where a build's time went up to <c>ready-to-build</c>, from its history: the instance's creation, each episode
/// (each starts with OrchestratorStarted), each activity's scheduling and completion, and which episode recorded which
/// completion. The orchestration runtime writes these timestamps itself, so they split the measured latency into its hops.
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
    /// then per step its activities (scheduled to last completed) and the hop back to the episode that recorded it;
    /// last, from that episode's start until a poll saw its status.
    /// </summary>
    public IReadOnlyList<(string Hop, double Ms)> Hops(DateTimeOffset postedAt, DateTimeOffset readySeenAt)
    {
        var hops = new List<(string, double)>
        {
            ("POST -> instance created", (CreatedAt - postedAt).TotalMilliseconds),
            ("created -> episode 1 starts", (FirstEpisodeAt - CreatedAt).TotalMilliseconds),
        };
        var previousEpisode = FirstEpisodeAt;
        foreach (var step in Steps.Where(step => step.RecordedAt <= readySeenAt))
        {
            hops.Add(($"episode -> {step.Label} done", (step.LastCompletedAt - previousEpisode).TotalMilliseconds));
            hops.Add(($"{step.Label} done -> recording episode starts", (step.RecordedAt - step.LastCompletedAt).TotalMilliseconds));
            previousEpisode = step.RecordedAt;
        }

        hops.Add(("last episode starts -> ready seen by a poll", (readySeenAt - previousEpisode).TotalMilliseconds));
        return hops;
    }

    public static BuildTimeline Parse(JsonElement status)
    {
        var entries = new List<HistoryEntry>();
        var episodeStart = DateTimeOffset.MinValue;
        foreach (var item in status.GetProperty("historyEvents").EnumerateArray())
        {
            var type = item.GetProperty("eventType").GetString() ?? string.Empty;
            var timestamp = item.GetProperty("timestamp").GetDateTimeOffset();
            if (type == "OrchestratorStarted")
            {
                episodeStart = timestamp;
            }

            int? taskId = item.TryGetProperty("taskId", out var id) ? id.GetInt32() : null;
            var name = item.TryGetProperty("functionName", out var function) ? function.GetString() : null;
            entries.Add(new HistoryEntry(type, timestamp, taskId, name, episodeStart));
        }

        return new BuildTimeline(entries);
    }
}
