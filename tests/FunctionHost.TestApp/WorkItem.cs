namespace Orbit.FunctionHost.TestApp;

/// <summary>A test message. <paramref name="FirstAttemptDelayMilliseconds"/> makes the first attempt slow, so a test can kill or stop the host mid-handler.</summary>
public sealed record WorkItem(string Id, int FirstAttemptDelayMilliseconds = 0);
