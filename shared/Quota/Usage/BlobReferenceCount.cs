namespace Orbit.Quota.Usage;

/// <summary>How many image records of a workspace reference a blob of this size.</summary>
public sealed record BlobReferenceCount(long Size, int References);
