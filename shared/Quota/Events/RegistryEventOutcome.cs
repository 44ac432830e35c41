namespace Orbit.Quota.Events;

/// <summary>
/// What handling a batch of registry events changed: pushes tracked, records untracked, events ignored (no workspace owns
/// the repository, the manifest is already gone, nothing new), and delete events refused because the registry still has
/// what they say is deleted.
/// </summary>
public sealed record RegistryEventOutcome(int Tracked, int Untracked, int Ignored, int Refused);
