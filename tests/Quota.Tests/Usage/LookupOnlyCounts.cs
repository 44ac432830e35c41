using System.Collections;
using Orbit.Quota.Usage;
using Orbit.Registry.References;

namespace Orbit.Quota.Tests.Usage;

/// <summary>
/// A workspace's blob counts that answer lookups of one blob and refuse to be listed: what a batch's untrack may do with
/// them, so that its cost follows the batch and not the workspace.
/// </summary>
internal sealed class LookupOnlyCounts(IReadOnlyDictionary<Digest, BlobReferenceCount> counts) : IReadOnlyDictionary<Digest, BlobReferenceCount>
{
    public BlobReferenceCount this[Digest key] => counts[key];

    public bool ContainsKey(Digest key) => counts.ContainsKey(key);

    public bool TryGetValue(Digest key, out BlobReferenceCount value) => counts.TryGetValue(key, out value!);

    public IEnumerable<Digest> Keys => throw Listed();

    public IEnumerable<BlobReferenceCount> Values => throw Listed();

    public int Count => throw Listed();

    public IEnumerator<KeyValuePair<Digest, BlobReferenceCount>> GetEnumerator() => throw Listed();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static InvalidOperationException Listed() => new("The workspace's blob counts were listed; only the blobs at hand should be looked up.");
}
