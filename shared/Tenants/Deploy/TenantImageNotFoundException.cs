using Orbit.Tenants.Images;

namespace Orbit.Tenants.Deploy;

/// <summary>The tenant's image reference names nothing in the registry (not pushed yet, or deleted).</summary>
public sealed class TenantImageNotFoundException(ImageReference image)
    : Exception($"The registry has no image {image}; push it first (credentials from POST /api/tenants/{{id}}/registry-token), then deploy.")
{
    public ImageReference Image { get; } = image;
}
