using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Storage;

/// <summary>An instance row and the history it commits.</summary>
public sealed record InstanceState(InstanceRecord Instance, InstanceHistory History);
