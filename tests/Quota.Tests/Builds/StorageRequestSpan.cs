namespace Orbit.Quota.Tests.Builds;

/// <summary>One request of a <see cref="StorageRequestTimeline"/>: what it was, when it was sent and answered, and whether it was made to answer late.</summary>
internal sealed record StorageRequestSpan(string Method, Uri Uri, long SentAt, long AnsweredAt, bool Delayed);
