using Orbit.Quota.Workspaces;

namespace Orbit.Quota.Storage;

public sealed class UnknownWorkspaceException(WorkspaceId id)
    : Exception($"Workspace '{id}' has no quota yet; create it with PUT /api/internal/workspaces/{id}/quota.")
{
    public WorkspaceId WorkspaceId { get; } = id;
}
