namespace Orbit.TestFunctionApp.Durable;

/// <summary>
/// What a greeting orchestration is started with: whom to greet, after how long a durable timer, and how long the
/// greeting itself takes (<see cref="SlowGreetActivity"/> when more than nothing).
/// </summary>
public sealed record GreetingRequest(string Name, int DelaySeconds = 0, int GreetSeconds = 0);
