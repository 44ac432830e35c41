using Orbit.Hosts.Audit;

namespace Orbit.Hosts.Attribution;

/// <summary>Audit records in time order, searched by binary search: a cycle looks up every container and image event.</summary>
internal sealed class AuditTimeline
{
    private readonly AuditRecord[] records;

    /// <param name="recordsInTimeOrder">Already sorted by time (the state keeps them so): sorting again would cost more than every lookup together.</param>
    public AuditTimeline(IEnumerable<AuditRecord> recordsInTimeOrder, IReadOnlySet<string> ignoredExecutables)
    {
        records = [.. recordsInTimeOrder.Where(record => record.Exe is null || !ignoredExecutables.Contains(record.Exe))];
    }

    /// <summary>The record nearest to <paramref name="time"/> within <paramref name="window"/> either side; on a tie the earlier one, as a client call precedes what it causes.</summary>
    public AuditRecord? Closest(DateTimeOffset time, TimeSpan window)
    {
        var after = FirstAtOrAfter(time);
        AuditRecord? best = null;
        var bestDistance = TimeSpan.MaxValue;
        if (after > 0)
        {
            var before = records[after - 1];
            bestDistance = time - before.Timestamp;
            best = before;
        }

        if (after < records.Length && records[after].Timestamp - time < bestDistance)
        {
            best = records[after];
            bestDistance = best.Timestamp - time;
        }

        return best is not null && bestDistance <= window ? best : null;
    }

    /// <summary>The latest record at or before <paramref name="time"/>, no more than <paramref name="window"/> before it.</summary>
    public AuditRecord? LatestAtOrBefore(DateTimeOffset time, TimeSpan window)
    {
        var index = FirstAtOrAfter(time);
        if (index < records.Length && records[index].Timestamp == time)
        {
            while (index + 1 < records.Length && records[index + 1].Timestamp == time)
            {
                index++;
            }

            return records[index];
        }

        return index > 0 && time - records[index - 1].Timestamp <= window ? records[index - 1] : null;
    }

    private int FirstAtOrAfter(DateTimeOffset time)
    {
        var low = 0;
        var high = records.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (records[middle].Timestamp < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
