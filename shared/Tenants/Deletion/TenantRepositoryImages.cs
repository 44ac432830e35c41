using Orbit.Registry.Client;
using Orbit.Registry.References;
using Orbit.Tenants.Registration;
using Orbit.Tenants.Storage;

namespace Orbit.Tenants.Deletion;

/// <summary>What a tenant repository holds (by <c>tags/list</c>, never <c>_catalog</c>, which keeps deleted names) and who owns it.</summary>
public sealed class TenantRepositoryImages(RegistryClient registry, TenantStore tenants)
{
    private const int PageSize = 100;

    public async Task<RepositoryOwner> OwnerAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await tenants.GetAsync(tenant, cancellationToken) is { } stored
            ? new RepositoryOwner(tenant, stored.Tenant.IsActive ? RepositoryOwnerState.Active : RepositoryOwnerState.Deleted, stored.Tenant.DeletedAt)
            : new RepositoryOwner(tenant, RepositoryOwnerState.Unknown, null);

    /// <summary>Every tagged manifest of the repository with its tags; empty when it has no tags (or does not exist).</summary>
    public async Task<IReadOnlyList<TaggedImage>> ReadAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var tagsByDigest = new Dictionary<Digest, List<Tag>>();
        await foreach (var tag in registry.ListTagsAsync(repository, PageSize, cancellationToken))
        {
            // A tag removed since the listing is simply not there any more.
            if (await registry.HeadManifestAsync(repository, tag, cancellationToken) is { } head)
            {
                if (!tagsByDigest.TryGetValue(head.Digest, out var tags))
                {
                    tagsByDigest[head.Digest] = tags = [];
                }

                tags.Add(tag);
            }
        }

        return tagsByDigest.Select(pair => new TaggedImage(pair.Key, pair.Value.OrderBy(tag => tag.Value, StringComparer.Ordinal).ToList())).ToList();
    }
}
