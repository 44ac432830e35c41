namespace Orbit.Tenants.Events;

/// <summary>An event that no retry can make valid: it is dead-lettered with <see cref="Exception.Message"/> as the reason.</summary>
public sealed class MalformedTenantEventException(string reason) : Exception(reason);
