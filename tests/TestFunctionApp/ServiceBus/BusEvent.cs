namespace Orbit.TestFunctionApp.ServiceBus;

/// <summary>
/// A test event on the broker: <paramref name="Mode"/> is ok, deadletter or fail; <paramref name="DelayMilliseconds"/>
/// slows the handler before its effect, so a test can restart the broker while messages are in flight.
/// </summary>
public sealed record BusEvent(string Id, string Mode = "ok", int DelayMilliseconds = 0);
