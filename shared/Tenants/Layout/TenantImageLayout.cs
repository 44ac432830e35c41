using Microsoft.Extensions.Options;
using Orbit.Registry.Client;
using Orbit.Registry.References;
using Orbit.Tenants.Images;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Layout;

/// <summary>
/// Where each tenant's image lives: its own repository <c>&lt;prefix&gt;/tenant-&lt;id&gt;</c>, one tag. A
/// repository of its own, because a registry grants access per repository: tags cannot be scoped.
/// </summary>
public sealed class TenantImageLayout
{
    private const string RepositoryNamePrefix = "tenant-";

    public TenantImageLayout(IOptions<TenantsOptions> tenants, IOptions<RegistryOptions> registry)
    {
        var options = tenants.Value;
        Prefix = options.RepositoryPrefix.Trim('/');
        if (!RepositoryName.TryParse($"{Prefix}/{RepositoryNamePrefix}abc", out _))
        {
            throw new InvalidOperationException($"Tenants:RepositoryPrefix '{options.RepositoryPrefix}' cannot prefix a repository name: use lowercase path components such as 'tenants' or 'apps/tenants'.");
        }

        Tag = Tag.TryParse(options.Tag, out var tag)
            ? tag
            : throw new InvalidOperationException($"Tenants:Tag '{options.Tag}' is not a tag: 1 to 128 letters, digits, '_', '.' or '-'.");
        RegistryHost = options.RegistryHost is { Length: > 0 } host
            ? host
            : registry.Value.Url?.Authority ?? throw new InvalidOperationException("Set Registry:Url (or Tenants:RegistryHost) so tenant image references can name the registry.");
    }

    /// <summary>The shared prefix of every tenant repository, without a trailing '/'.</summary>
    public string Prefix { get; }

    public Tag Tag { get; }

    /// <summary>The registry as tenants name it in image references: host, and port when not the default.</summary>
    public string RegistryHost { get; }

    public RepositoryName RepositoryFor(TenantId tenant) => RepositoryName.Parse($"{Prefix}/{RepositoryNamePrefix}{tenant.Value}");

    /// <summary>The one image reference a tenant deploys: <c>&lt;registry&gt;/&lt;prefix&gt;/tenant-&lt;id&gt;:&lt;tag&gt;</c>.</summary>
    public ImageReference ImageFor(TenantId tenant) => new(RegistryHost, RepositoryFor(tenant), Tag, null);

    /// <summary>The tenant whose repository this is, or null for any other repository.</summary>
    public TenantId? TenantOf(RepositoryName repository)
    {
        var start = $"{Prefix}/{RepositoryNamePrefix}";
        return repository.Value.StartsWith(start, StringComparison.Ordinal) && TenantId.TryParse(repository.Value[start.Length..], out var tenant)
            ? tenant
            : null;
    }
}
