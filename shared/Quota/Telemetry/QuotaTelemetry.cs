using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orbit.Quota.History;
using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Telemetry;

/// <summary>
/// The quota library's span and metrics, on the <see cref="System.Diagnostics"/> API only (source and meter
/// <see cref="SourceName"/>): the function app's OpenTelemetry subscribes to them; with no subscriber they cost nothing.
/// A cleanup is one span from its plan to its record, and the numbers a platform team charts: bytes freed, deletions by
/// result, cleanup duration, and each workspace's usage as last seen by this instance.
/// </summary>
public static class QuotaTelemetry
{
    public const string SourceName = "Orbit.Quota";

    public const string CleanupSpan = "cleanup";
    public const string FreedBytesMetric = "orbit.cleanup.freed_bytes";
    public const string DeletionsMetric = "orbit.cleanup.deletions";
    public const string DurationMetric = "orbit.cleanup.duration";
    public const string UsageMetric = "orbit.workspace.usage";
    public const string QuotaMetric = "orbit.workspace.quota";

    public const string WorkspaceAttribute = "orbit.workspace";
    public const string BuildAttribute = "orbit.build.id";
    public const string OutcomeAttribute = "orbit.cleanup.outcome";
    public const string PlannedAttribute = "orbit.cleanup.planned";
    public const string DeletedAttribute = "orbit.cleanup.deleted";
    public const string FailedAttribute = "orbit.cleanup.failed";
    public const string FreedBytesAttribute = "orbit.cleanup.freed_bytes";
    public const string UsedBytesBeforeAttribute = "orbit.cleanup.used_bytes_before";
    public const string UsedBytesAfterAttribute = "orbit.cleanup.used_bytes_after";
    public const string QuotaBytesAttribute = "orbit.cleanup.quota_bytes";
    public const string ResultAttribute = "orbit.deletion.result";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> FreedBytes = Meter.CreateCounter<long>(FreedBytesMetric, "By", "Bytes of registry storage the pre-build cleanups freed.");
    private static readonly Counter<long> Deletions = Meter.CreateCounter<long>(DeletionsMetric, "{deletion}", "Planned deletions of the pre-build cleanups, by what became of them.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationMetric, "s", "A pre-build cleanup from its plan to its record.");

    /// <summary>Last seen usage per workspace: a workspace's usage changes where this instance does not see it (events, other instances).</summary>
    private static readonly ConcurrentDictionary<string, (long UsedBytes, long QuotaBytes)> LastSeen = new(StringComparer.Ordinal);

    static QuotaTelemetry()
    {
        Meter.CreateObservableGauge(UsageMetric, () => LastSeen.Select(seen => Measurement(seen.Value.UsedBytes, seen.Key)), "By", "A workspace's registry usage, as this instance last read or changed it.");
        Meter.CreateObservableGauge(QuotaMetric, () => LastSeen.Select(seen => Measurement(seen.Value.QuotaBytes, seen.Key)), "By", "A workspace's registry quota, beside its usage.");
    }

    /// <summary>A workspace's usage as read or written: the gauges report it until a newer one is seen.</summary>
    public static void UsageSeen(WorkspaceUsage usage) => LastSeen[usage.Id.Value] = (usage.UsedBytes, usage.Policy.QuotaBytes);

    /// <summary>
    /// A finished cleanup, once its record is made: a span from when its plan's read began to the record's time (both from
    /// the orchestration, so the span is the same whichever instance records it), and its counts. A record written twice
    /// (a redelivered activity) counts twice: the metrics are at least once, the history is exact.
    /// </summary>
    public static void CleanupRecorded(CleanupRecord record)
    {
        var workspace = new KeyValuePair<string, object?>(WorkspaceAttribute, record.WorkspaceId.Value);
        var deleted = record.Deletions.Count(deletion => deletion.Result == "Deleted");
        var failed = record.Deletions.Count(deletion => deletion.Result == "Failed");
        var startedAt = record.PlannedAt ?? record.At;
        using (var activity = Source.StartActivity(CleanupSpan, ActivityKind.Internal, parentContext: default, startTime: startedAt))
        {
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(WorkspaceAttribute, record.WorkspaceId.Value);
                activity.SetTag(BuildAttribute, record.BuildId);
                activity.SetTag(OutcomeAttribute, record.Outcome);
                activity.SetTag(PlannedAttribute, record.Deletions.Count);
                activity.SetTag(DeletedAttribute, deleted);
                activity.SetTag(FailedAttribute, failed);
                activity.SetTag(FreedBytesAttribute, record.FreedBytes);
                activity.SetTag(UsedBytesBeforeAttribute, record.UsedBytesBefore);
                activity.SetTag(UsedBytesAfterAttribute, record.UsedBytesAfter);
                activity.SetTag(QuotaBytesAttribute, record.QuotaBytes);
                if (record.Error is not null || failed > 0)
                {
                    activity.SetStatus(ActivityStatusCode.Error, failed > 0 ? $"{failed} of {record.Deletions.Count} planned deletions failed" : "the cleanup failed");
                }
            }

            activity?.SetEndTime(record.At.UtcDateTime);
        }

        FreedBytes.Add(record.FreedBytes, workspace);
        foreach (var result in record.Deletions.GroupBy(deletion => deletion.Result))
        {
            Deletions.Add(result.Count(), workspace, new KeyValuePair<string, object?>(ResultAttribute, result.Key));
        }

        Duration.Record(Math.Max(0, (record.At - startedAt).TotalSeconds), workspace, new KeyValuePair<string, object?>(OutcomeAttribute, record.Outcome));
        LastSeen[record.WorkspaceId.Value] = (record.UsedBytesAfter, record.QuotaBytes);
    }

    private static Measurement<long> Measurement(long value, string workspace) =>
        new(value, new KeyValuePair<string, object?>(WorkspaceAttribute, workspace));
}
