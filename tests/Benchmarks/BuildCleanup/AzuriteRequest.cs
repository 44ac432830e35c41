namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>
/// One request Azurite's debug log recorded: when it arrived, what it was (e.g. "work-item queue put"), the status it
/// was answered with, and the time Azurite itself reports having spent on it (TotalTimeInMS of its end-of-response line).
/// </summary>
internal sealed record AzuriteRequest(DateTimeOffset At, string Kind, int? Status, double? Milliseconds);
