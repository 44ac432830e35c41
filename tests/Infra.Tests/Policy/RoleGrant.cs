using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests.Policy;

/// <summary>
/// A role assignment of the template: which built-in role (its definition id), on which type of resource, under which
/// condition (null: always). Whom it is for is checked by <see cref="InfraPolicy.RoleAssignmentsOutOfBounds"/>.
/// </summary>
public sealed record RoleGrant(string RoleDefinitionId, string ScopeType, ArmExpression? Condition, TemplateResource Resource)
{
    public override string ToString() => $"{BuiltInRoles.NameOf(RoleDefinitionId)} on {ScopeType} ({Resource.Template.Path})";
}
