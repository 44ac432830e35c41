using Orbit.Registry.References;
using Orbit.Tenants.Deletion;
using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Tests.Deletion;

public sealed class ImageDeletionPolicyTests
{
    private static readonly RepositoryName Repository = RepositoryName.Parse("tenants/tenant-acme");
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly TaggedImage Shared = new(Digest.Sha256Of([1]), [Tag.Parse("latest"), Tag.Parse("stable")]);
    private static readonly TaggedImage Other = new(Digest.Sha256Of([2]), [Tag.Parse("v2")]);

    [Fact]
    public void A_deleted_tenants_manifests_are_all_deleted_with_every_tag_of_its_repository_on_them_named()
    {
        var verdicts = ImageDeletionPolicy.Decide(Repository, new RepositoryOwner(Acme, RepositoryOwnerState.Deleted, DateTimeOffset.UnixEpoch), [Shared, Other]);

        Assert.All(verdicts, verdict => Assert.True(verdict.Delete));
        Assert.Equal([Shared.Digest, Other.Digest], verdicts.Select(verdict => verdict.Image.Digest));
        Assert.Contains("tenant acme was deleted at 1970-01-01", verdicts[0].Reason, StringComparison.Ordinal);
        Assert.Contains("removes tag(s) latest, stable of tenants/tenant-acme only", verdicts[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_never_registered_tenants_manifests_are_deleted()
    {
        var verdict = Assert.Single(ImageDeletionPolicy.Decide(Repository, new RepositoryOwner(Acme, RepositoryOwnerState.Unknown, null), [Shared]));

        Assert.True(verdict.Delete);
        Assert.StartsWith("no tenant acme is registered", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_tenants_tags_must_stay_so_nothing_is_deleted_and_the_verdict_says_which()
    {
        var verdicts = ImageDeletionPolicy.Decide(Repository, new RepositoryOwner(Acme, RepositoryOwnerState.Active, null), [Shared, Other]);

        Assert.All(verdicts, verdict => Assert.False(verdict.Delete));
        Assert.Equal("tenant acme is active: tag(s) latest, stable of tenants/tenant-acme must stay, and deleting " + Shared.Digest + " would remove them", verdicts[0].Reason);
    }

    [Fact]
    public void Nothing_tagged_means_nothing_to_decide()
    {
        Assert.Empty(ImageDeletionPolicy.Decide(Repository, new RepositoryOwner(Acme, RepositoryOwnerState.Deleted, null), []));
    }
}
