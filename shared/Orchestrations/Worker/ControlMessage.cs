using Orbit.Orchestrations.History;

namespace Orbit.Orchestrations.Worker;

/// <summary>
/// A message on the control queue: an event for an instance (started, an activity's outcome, a timer, a
/// raised event, terminate), or a request to re-send its outstanding work (<see cref="Redrive"/>). An event
/// whose payload is too large for a queue message travels without it, naming the stored copy in
/// <see cref="PayloadReference"/>.
/// </summary>
public sealed record ControlMessage(string InstanceId, HistoryEvent? Event, bool Redrive = false, string? PayloadReference = null);
