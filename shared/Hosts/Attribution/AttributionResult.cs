namespace Orbit.Hosts.Attribution;

/// <summary>One cycle's attribution and the state to save for the next.</summary>
/// <param name="Containers">Every listed container with its user (or none).</param>
/// <param name="Layers">Every distinct layer of the listed images with its owner (or none).</param>
/// <param name="EventsApplied">Events applied this cycle.</param>
/// <param name="EventsSkipped">Events skipped because an earlier cycle already applied them.</param>
public sealed record AttributionResult(
    AttributionState State,
    IReadOnlyList<ContainerAttribution> Containers,
    IReadOnlyList<LayerAttribution> Layers,
    int EventsApplied,
    int EventsSkipped);
