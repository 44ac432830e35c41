namespace Orbit.Tenants.Tokens;

/// <summary>The credentials prove no identity. Deliberately says nothing about why (unknown user, deleted tenant, wrong password).</summary>
public sealed class RegistryCredentialsRejectedException()
    : Exception("These credentials are not valid. Use the tenant id and the tenant key (or a password from POST /api/tenants/{id}/registry-token) as Basic credentials.");
