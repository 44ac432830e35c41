namespace Orbit.Cli.Ci;

/// <summary>One service in a tier plan: build it or re-point its tag, and why.</summary>
public sealed record ServicePlan(string Service, ServiceAction Action, string Why);
