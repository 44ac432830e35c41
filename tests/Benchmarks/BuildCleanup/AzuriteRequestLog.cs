using System.Globalization;
using System.Text.RegularExpressions;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// The requests in an Azurite debug log (<c>--debug</c>), each named by what it touched and how: the Durable task hubs'
/// control and work-item queues, instances, history and partitions tables and lease blobs, other queues (queue
/// triggers), the usage table, the WebJobs host's blobs (timer locks and schedule status). Counted over a measured
/// window, they say how many storage round trips a deletion costs, or what an idle instance polls, and of what kind.
/// </summary>
internal sealed partial class AzuriteRequestLog(IReadOnlyList<AzuriteRequest> requests)
{
    public IReadOnlyList<AzuriteRequest> Requests => requests;

    /// <param name="hubs">Task hub names and how to call them in the output.</param>
    public static AzuriteRequestLog Read(string path, IReadOnlyDictionary<string, string> hubs)
    {
        var started = new List<(string Id, DateTimeOffset At, string Kind)>();
        var ended = new Dictionary<string, (int Status, double Milliseconds)>(StringComparer.Ordinal);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (RequestLine().Match(line) is { Success: true } request)
            {
                var at = DateTimeOffset.Parse(request.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                started.Add((request.Groups["id"].Value, at, Classify(request.Groups["service"].Value, request.Groups["method"].Value, request.Groups["path"].Value, hubs)));
            }
            else if (EndLine().Match(line) is { Success: true } end)
            {
                ended[end.Groups["id"].Value] = (int.Parse(end.Groups["status"].Value, CultureInfo.InvariantCulture), double.Parse(end.Groups["ms"].Value, CultureInfo.InvariantCulture));
            }
        }

        return new AzuriteRequestLog(started.Select(request => ended.TryGetValue(request.Id, out var end)
            ? new AzuriteRequest(request.At, request.Kind, end.Status, end.Milliseconds)
            : new AzuriteRequest(request.At, request.Kind, null, null)).ToList());
    }

    /// <summary>
    /// Requests by kind that arrived between <paramref name="from"/> and <paramref name="to"/>, most frequent first: how
    /// many, how many were refused with 409 or 412 (a lost race), and the milliseconds Azurite reports for them in all.
    /// </summary>
    public IReadOnlyList<(string Kind, int Count, int Conflicts, double Milliseconds)> Count(DateTimeOffset from, DateTimeOffset to) =>
        requests.Where(request => request.At >= from && request.At <= to)
            .GroupBy(request => request.Kind)
            .Select(group => (group.Key, group.Count(), group.Count(request => request.Status is 409 or 412), group.Sum(request => request.Milliseconds ?? 0)))
            .OrderByDescending(entry => entry.Item2)
            .ToList();

    private static string Classify(string service, string method, string path, IReadOnlyDictionary<string, string> hubs)
    {
        var query = path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var resource = segments.Length > 0 ? segments[0] : string.Empty;
        switch (service)
        {
            case "Blob":
                return $"{BlobRole(resource, segments.Skip(1).ToArray(), hubs)} " + method switch
                {
                    "PUT" when query.Contains("comp=lease", StringComparison.Ordinal) => "lease (acquire, renew, release)",
                    "PUT" => "write",
                    "GET" when query.Contains("comp=list", StringComparison.Ordinal) => "list",
                    "GET" => "read",
                    "HEAD" => "properties",
                    "DELETE" => "delete",
                    _ => method,
                };
            case "Queue":
            {
                var role = QueueRole(resource, hubs);
                if (segments.Length < 2 || segments[1] != "messages")
                {
                    return $"{role} (queue admin{(method == "GET" && query.Contains("comp=metadata", StringComparison.Ordinal) ? ": properties" : string.Empty)})";
                }

                return $"{role} " + method switch
                {
                    "POST" => "put",
                    "GET" when query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "peek",
                    "GET" => "receive",
                    "DELETE" => "delete",
                    "PUT" => "update visibility",
                    _ => method,
                };
            }

            default:
            {
                if (resource == "$batch")
                {
                    return "table $batch (entity-group transaction)";
                }

                if (resource.StartsWith("Tables", StringComparison.Ordinal))
                {
                    return "table admin";
                }

                var parenthesis = resource.IndexOf('(', StringComparison.Ordinal);
                var table = parenthesis < 0 ? resource : resource[..parenthesis];
                var keyed = resource.Contains("PartitionKey=", StringComparison.Ordinal);
                return $"{TableRole(table, hubs)} " + method switch
                {
                    "GET" => keyed ? "point read" : "query",
                    "POST" => "insert",
                    "PUT" => "replace/upsert",
                    "MERGE" or "PATCH" => "merge",
                    "DELETE" => "delete",
                    _ => method,
                };
            }
        }
    }

    /// <summary>A task hub's queues are <c>&lt;hub&gt;-control-NN</c> and <c>&lt;hub&gt;-workitems</c>, in lower case; any other queue is named.</summary>
    private static string QueueRole(string queue, IReadOnlyDictionary<string, string> hubs)
    {
        foreach (var (hub, label) in hubs)
        {
            var prefix = hub.ToLowerInvariant();
            if (queue.StartsWith($"{prefix}-control-", StringComparison.Ordinal))
            {
                return $"{label} control queues";
            }

            if (queue == $"{prefix}-workitems")
            {
                return $"{label} work-item queue";
            }
        }

        return $"queue {queue}";
    }

    private static string TableRole(string table, IReadOnlyDictionary<string, string> hubs)
    {
        foreach (var (hub, label) in hubs)
        {
            foreach (var kind in new[] { "Instances", "History", "Partitions" })
            {
                if (table == $"{hub}{kind}")
                {
                    return $"{label} {kind.ToLowerInvariant()} table";
                }
            }
        }

        return table.StartsWith("usage", StringComparison.Ordinal) ? "usage table" : $"table {table}";
    }

    /// <summary>
    /// A task hub's containers are <c>&lt;hub&gt;-leases</c> (partition lease blobs, when leases are blobs),
    /// <c>&lt;hub&gt;-applease</c> and <c>&lt;hub&gt;-largemessages</c>; the WebJobs host keeps timer locks under
    /// <c>azure-webjobs-hosts/locks/</c> and timer schedule status under <c>azure-webjobs-hosts/timers/</c>.
    /// </summary>
    private static string BlobRole(string container, string[] blob, IReadOnlyDictionary<string, string> hubs)
    {
        foreach (var (hub, label) in hubs)
        {
            var prefix = hub.ToLowerInvariant();
            if (container == $"{prefix}-leases")
            {
                return $"{label} partition lease blobs";
            }

            if (container == $"{prefix}-applease")
            {
                return $"{label} app lease blob";
            }

            if (container == $"{prefix}-largemessages")
            {
                return $"{label} large-message blobs";
            }
        }

        return container == "azure-webjobs-hosts" && blob.Length > 0
            ? blob[0] switch
            {
                "locks" => "blob WebJobs locks (timers, host)",
                "timers" => "blob WebJobs timer schedule status",
                var other => $"blob WebJobs {other}",
            }
            : $"blob container {container}";
    }

    [GeneratedRegex(@"^(?<at>\S+) (?<id>\S+) info: (?<service>Queue|Table|Blob)StorageContextMiddleware: RequestMethod=(?<method>\S+) RequestURL=https?://[^/]+/devstoreaccount1/?(?<path>\S*)")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"^\S+ (?<id>\S+) info: EndMiddleware: End response\. TotalTimeInMS=(?<ms>[0-9.]+) StatusCode=(?<status>[0-9]+)")]
    private static partial Regex EndLine();
}
