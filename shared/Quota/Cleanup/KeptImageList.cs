using System.Collections;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// A plan's kept images, built on first use: a plan keeps most of a workspace, and the pre-build check of a large one
/// needs only the few lines of its build log, so the 100k-image plan does not pay for a record and a sentence per image.
/// </summary>
internal sealed class KeptImageList(Func<KeptImage[]> build) : IReadOnlyList<KeptImage>
{
    private readonly Lazy<KeptImage[]> images = new(build);

    public int Count => images.Value.Length;

    public KeptImage this[int index] => images.Value[index];

    public IEnumerator<KeptImage> GetEnumerator() => ((IEnumerable<KeptImage>)images.Value).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
