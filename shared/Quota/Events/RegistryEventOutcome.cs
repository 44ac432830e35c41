namespace Orbit.Quota.Events;

/// <summary>
/// What handling a batch of registry events changed: pushes tracked, records untracked, events ignored (no workspace owns
/// the repository, the manifest is already gone, nothing new), and delete events refused because the registry still has
/// what they say is deleted.
/// </summary>
public sealed record RegistryEventOutcome(int Tracked, int Untracked, int Ignored, int Refused)
{
    public static readonly RegistryEventOutcome None = new(0, 0, 0, 0);
    public static readonly RegistryEventOutcome OneTracked = None with { Tracked = 1 };
    public static readonly RegistryEventOutcome OneIgnored = None with { Ignored = 1 };
    public static readonly RegistryEventOutcome OneRefused = None with { Refused = 1 };

    public static RegistryEventOutcome operator +(RegistryEventOutcome left, RegistryEventOutcome right) =>
        new(left.Tracked + right.Tracked, left.Untracked + right.Untracked, left.Ignored + right.Ignored, left.Refused + right.Refused);
}
