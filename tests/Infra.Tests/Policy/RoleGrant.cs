using Orbit.Infra.Tests.Arm;
using Orbit.Infra.Tests.Templates;

namespace Orbit.Infra.Tests.Policy;

/// <summary>
/// A role assignment of the template: which built-in role (its definition id), on which type of resource, to whom,
/// and under which condition (null: always).
/// </summary>
public sealed record RoleGrant(string RoleDefinitionId, string ScopeType, Traced Principal, ArmExpression? Condition, TemplateResource Resource)
{
    public override string ToString() => $"{BuiltInRoles.NameOf(RoleDefinitionId)} on {ScopeType} ({Resource.Template.Path})";
}
