namespace Orbit.Benchmarks.EngineLatency;

/// <summary>One instance: from the start call to the poll that saw it completed, and the engine's own span from created to completed, in ms.</summary>
internal sealed record EngineSample(double SeenMs, double SpanMs);
