namespace Orbit.Tenants.Deletion;

/// <summary>
/// The work item on <c>Tenants:DeletionQueue</c>: delete the images of this (deleted) tenant. The id stays a string
/// so that a malformed one reaches the handler, which sends it to the poison queue with the reason.
/// </summary>
public sealed record TenantImageDeletionRequest(string TenantId, DateTimeOffset RequestedAt);
