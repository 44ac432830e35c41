using Orbit.Registry.References;

namespace Orbit.Quota.Storage;

/// <summary>
/// What untracking a manifest freed: by this call, or by an earlier untrack of the same manifest (the registry's delete
/// event, an earlier attempt) that the caller would otherwise have reported as freeing nothing.
/// </summary>
public sealed record ManifestUntrack(IReadOnlyList<Tag> Tags, long FreedBytes, bool ByThisCall);
