namespace Orbit.Orchestrations.Execution;

/// <summary>The orchestrator did not schedule on replay what its history says it scheduled: its code changed or is not deterministic.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
