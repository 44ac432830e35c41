namespace Orbit.Quota.Repositories;

/// <summary>A request that breaks an ownership rule; nothing was changed.</summary>
public sealed class RepositoryOwnershipException(OwnershipRefusal refusal) : Exception(refusal.Detail)
{
    public OwnershipRefusal Refusal { get; } = refusal;
}
