using Orbit.Registry.References;

namespace Orbit.Tenants.Deletion;

/// <summary>
/// Which manifests of a tenant repository may be deleted. A manifest DELETE by digest removes every tag on that
/// digest <em>in that repository</em> and nothing in any other repository, even where another repository holds the
/// same digest. With one repository per tenant, "no other tenant's tag points at that digest" therefore always
/// holds across repositories; what remains is the tags of the same repository that the DELETE would take along.
/// They all belong to the repository's tenant, so they may go exactly when that tenant may lose its images
/// (deleted or never registered); for an active tenant every tag must stay, and the verdict says so instead.
/// </summary>
public static class ImageDeletionPolicy
{
    public static IReadOnlyList<ImageDeletionVerdict> Decide(RepositoryName repository, RepositoryOwner owner, IReadOnlyList<TaggedImage> images) =>
        images.Select(image => owner.MayLoseImages
                ? new ImageDeletionVerdict(repository, owner, image, true, $"{owner.Reason}; deleting {image.Digest} removes tag(s) {TagList(image)} of {repository} only, every one of them {owner.Tenant}'s")
                : new ImageDeletionVerdict(repository, owner, image, false, $"{owner.Reason}: tag(s) {TagList(image)} of {repository} must stay, and deleting {image.Digest} would remove them"))
            .ToList();

    private static string TagList(TaggedImage image) => string.Join(", ", image.Tags.Select(tag => tag.Value));
}
