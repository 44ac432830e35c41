using Azure;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Storage;

/// <summary>A tenant with the ETag of its row, for a conditional update.</summary>
public sealed record StoredTenant(Tenant Tenant, ETag ETag);
