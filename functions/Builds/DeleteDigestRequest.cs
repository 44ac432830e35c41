namespace Orbit.Functions.Builds;

/// <summary>Input of the delete activity: one planned manifest, the tags the plan expects on it, and why it goes.</summary>
public sealed record DeleteDigestRequest(string WorkspaceId, string Repository, string Digest, IReadOnlyList<string> Tags, string Reason)
{
    public static DeleteDigestRequest For(string workspaceId, PlannedDigest planned) =>
        new(workspaceId, planned.Repository, planned.Digest, planned.Tags, planned.Reason);
}
