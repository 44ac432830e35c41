using Orbit.Quota.Images;
using Orbit.Registry.References;

namespace Orbit.Functions.Builds;

/// <summary>What became of one planned deletion: Deleted, AlreadyDeleted, Skipped or Failed, with the bytes it freed.</summary>
public sealed record DeletionOutcome(RepositoryName Repository, Digest Digest, IReadOnlyList<Tag> Tags, string Result, long FreedBytes, string Detail, string Reason)
{
    public const string Failed = nameof(Failed);

    public bool Removed => Result is nameof(DigestDeletionResult.Deleted) or nameof(DigestDeletionResult.AlreadyDeleted);

    public static DeletionOutcome Of(DigestToDelete planned, DigestDeletion deletion) => new(
        planned.Repository, planned.Digest, deletion.Tags.Count > 0 ? deletion.Tags : planned.Tags,
        deletion.Result.ToString(), deletion.FreedBytes, deletion.Detail, planned.Reason);

    public static DeletionOutcome FailedFor(DigestToDelete planned, string error) =>
        new(planned.Repository, planned.Digest, planned.Tags, Failed, 0, error, planned.Reason);
}
