namespace Orbit.Quota.Events;

/// <summary>What a notification request carried: the events that concern image accounting, how many others were skipped, or an Event Grid validation code to echo.</summary>
public sealed record RegistryEventBatch(IReadOnlyList<RegistryEvent> Events, int Skipped, string? ValidationCode);
