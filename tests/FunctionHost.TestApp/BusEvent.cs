namespace Orbit.FunctionHost.TestApp;

/// <summary>A test event on the broker: <paramref name="Mode"/> is ok, deadletter or fail; <paramref name="DelayMilliseconds"/> slows the handler so a test can restart the broker mid-flight.</summary>
public sealed record BusEvent(string Id, string Mode = "ok", int DelayMilliseconds = 0);
