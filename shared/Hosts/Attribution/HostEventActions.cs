namespace Orbit.Hosts.Attribution;

/// <summary>Docker's and Podman's action names, which differ ("destroy" and "remove").</summary>
public static class HostEventActions
{
    public static HostEventAction FromApiName(string? action) => action?.ToLowerInvariant() switch
    {
        "create" => HostEventAction.Create,
        "remove" or "destroy" => HostEventAction.Remove,
        "pull" => HostEventAction.Pull,
        "tag" => HostEventAction.Tag,
        "import" => HostEventAction.Import,
        "load" => HostEventAction.Load,
        "untag" => HostEventAction.Untag,
        "delete" => HostEventAction.Delete,
        _ => HostEventAction.Other,
    };

    /// <summary>The actions by which a user brings an image onto the host: its first one makes that user its layers' owner.</summary>
    public static bool Acquires(this HostEventAction action) =>
        action is HostEventAction.Pull or HostEventAction.Tag or HostEventAction.Import or HostEventAction.Load;
}
