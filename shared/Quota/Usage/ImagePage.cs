namespace Orbit.Quota.Usage;

/// <summary>One page of a workspace's images in pushedAt order; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record ImagePage(IReadOnlyList<ImageSummary> Images, string? ContinuationToken);
