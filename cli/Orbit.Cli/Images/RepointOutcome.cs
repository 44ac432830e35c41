namespace Orbit.Cli.Images;

/// <summary>What <c>ci repoint</c> did: the tag's digest before (null when the tag did not exist), the good digest it now names, and whether a PUT was needed.</summary>
public sealed record RepointOutcome(string Repository, string Tag, string? PreviousDigest, string Digest, string MediaType, int ManifestBytes, bool Changed, string Source);
