namespace Orbit.Quota.Events;

/// <summary>What handling a batch of registry events changed.</summary>
public sealed record RegistryEventOutcome(int Tracked, int Untracked, int Ignored);
