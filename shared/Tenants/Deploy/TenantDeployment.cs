using Orbit.Registry.Client;
using Orbit.Registry.References;
using Orbit.Tenants.Images;
using Orbit.Tenants.Layout;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Deploy;

/// <summary>
/// Checks that a deploy names the tenant's own image and pins it to the digest its tag points at now, so the
/// deploy runs exactly what was checked even if the tag moves afterwards.
/// </summary>
public sealed class TenantDeployment(RegistryClient registry, TenantImageLayout layout)
{
    public async Task<DeployResolution> ResolveAsync(Tenant tenant, string? image, CancellationToken cancellationToken)
    {
        var expected = layout.ImageFor(tenant.Id);
        if (!ImageReference.TryParse(image, out var reference))
        {
            throw new ImageReferenceRejectedException($"'{image}' is not an image reference: write {ImageReference.Shape}. Expected: {expected}", expected);
        }

        if (!IsTenantsOwn(reference, expected))
        {
            throw new ImageReferenceRejectedException(IsOwnRepository(reference, expected)
                ? $"{reference} is not deployable: a tenant deploys only the tag {expected.Tag}: deploy {expected} or {expected.Registry}/{expected.Repository}@<digest>."
                : $"'{reference}' is not this tenant's image. Expected: {expected} (or {expected.Registry}/{expected.Repository}@<digest>)", expected);
        }

        ManifestReference lookup = reference.Digest is { } digest ? digest : reference.Tag!;
        var head = await registry.HeadManifestAsync(reference.Repository, lookup, cancellationToken);
        if (head is null || (reference.Digest is not null && reference.Tag is not null && !await TagPointsAtAsync(reference, cancellationToken)))
        {
            throw new TenantImageNotFoundException(reference);
        }

        return new DeployResolution(reference, head.Digest, new ImageReference(reference.Registry, reference.Repository, null, head.Digest));
    }

    private static bool IsTenantsOwn(ImageReference reference, ImageReference expected) =>
        IsOwnRepository(reference, expected) && (reference.Tag is null || reference.Tag == expected.Tag);

    private static bool IsOwnRepository(ImageReference reference, ImageReference expected) =>
        string.Equals(reference.Registry, expected.Registry, StringComparison.OrdinalIgnoreCase) && reference.Repository == expected.Repository;

    // "repo:tag@digest" names the digest, and claims the tag is on it: check the claim rather than ignore it.
    private async Task<bool> TagPointsAtAsync(ImageReference reference, CancellationToken cancellationToken) =>
        (await registry.HeadManifestAsync(reference.Repository, reference.Tag!, cancellationToken))?.Digest == reference.Digest;
}
