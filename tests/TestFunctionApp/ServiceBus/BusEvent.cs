namespace Orbit.TestFunctionApp.ServiceBus;

/// <summary>A test event on the broker: <paramref name="Mode"/> is ok, deadletter or fail.</summary>
public sealed record BusEvent(string Id, string Mode = "ok");
