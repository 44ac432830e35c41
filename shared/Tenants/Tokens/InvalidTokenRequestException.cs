namespace Orbit.Tenants.Tokens;

/// <summary>A token request this issuer cannot answer (another service, a malformed scope).</summary>
public sealed class InvalidTokenRequestException(string message) : Exception(message);
