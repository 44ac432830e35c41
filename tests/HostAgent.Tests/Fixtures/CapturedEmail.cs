namespace Orbit.HostAgent.Tests.Fixtures;

/// <summary>A message the capture server received, as its script wrote it.</summary>
public sealed record CapturedEmail(string Listener, bool Secure, string? From, IReadOnlyList<string> To, string? Subject, string? Text);
