namespace Orbit.TestFunctionApp.Durable;

/// <summary>What a greeting orchestration is started with: whom to greet, after how long a durable timer.</summary>
public sealed record GreetingRequest(string Name, int DelaySeconds = 0);
