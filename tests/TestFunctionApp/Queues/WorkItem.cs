namespace Orbit.TestFunctionApp.Queues;

/// <summary>A test message. <paramref name="DelayMilliseconds"/> makes the handler slow, so a test can stop its host mid-handler.</summary>
public sealed record WorkItem(string Id, int DelayMilliseconds = 0);
