namespace Orbit.Quota.Events;

/// <summary>
/// An event that could not be handled now (the registry or storage is unavailable): the sender must deliver it again,
/// so it is answered with a 5xx, never acknowledged and forgotten. Events before it in the batch are applied; handling
/// is idempotent, so the redelivery applies them again without effect.
/// </summary>
public sealed class RegistryEventDeferredException(RegistryEvent registryEvent, Exception cause)
    : Exception($"The {registryEvent.Action.ToString().ToLowerInvariant()} event for {registryEvent.Repository} cannot be handled now ({cause.GetType().Name}: {cause.Message}); send it again.", cause)
{
    public RegistryEvent Event { get; } = registryEvent;
}
