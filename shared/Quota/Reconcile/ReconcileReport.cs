namespace Orbit.Quota.Reconcile;

/// <summary>What a reconcile pass found and fixed.</summary>
public sealed record ReconcileReport(int Repositories, int Tracked, int Untracked, int Failed);
