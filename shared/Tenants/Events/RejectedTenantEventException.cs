namespace Orbit.Tenants.Events;

/// <summary>
/// A well-formed event that can never take effect (a TenantCreated for a deleted or reserved id): dead-lettered
/// at once with <see cref="Reason"/>, because no redelivery would change the answer.
/// </summary>
public sealed class RejectedTenantEventException(string reason, string description) : Exception(description)
{
    public string Reason { get; } = reason;
}
