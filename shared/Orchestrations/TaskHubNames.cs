namespace Orbit.Orchestrations;

/// <summary>
/// The storage a task hub uses: a control queue for orchestration events, a work-item queue for
/// activities, an instances table and a history table. Several hubs can share one storage account.
/// </summary>
public sealed record TaskHubNames(string HubName)
{
    public string ControlQueue => $"{HubName.ToLowerInvariant()}-control";

    public string WorkItemQueue => $"{HubName.ToLowerInvariant()}-workitems";

    public string InstancesTable => $"{HubName}Instances";

    public string HistoryTable => $"{HubName}History";

    /// <summary>Payloads too large for a queue message (a queue message holds at most 64 KiB).</summary>
    public string PayloadsTable => $"{HubName}Payloads";

    public static bool IsValidHubName(string name) =>
        name.Length is >= 3 and <= 40 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
