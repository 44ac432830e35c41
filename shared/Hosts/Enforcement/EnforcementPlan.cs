namespace Orbit.Hosts.Enforcement;

/// <summary>
/// What enforcement will do this cycle, computed without touching the host. A dry run reports this record and executes
/// nothing; a real run executes <see cref="Actions"/> in order.
/// </summary>
/// <param name="Users">The users over their limit, by name.</param>
/// <param name="Actions">The removals, grouped by user in name order, each user's in <see cref="Order"/>.</param>
public sealed record EnforcementPlan(EnforcementOrder Order, IReadOnlyList<UserEnforcement> Users, IReadOnlyList<EnforcementAction> Actions)
{
    public bool IsEmpty => Actions.Count == 0;
}
