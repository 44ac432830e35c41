namespace Orbit.Tenants.Scopes;

/// <summary>
/// What a token grants: for each requested scope, the requested actions the principal may have — possibly
/// none, as the token spec asks (the registry then refuses the request, not the token service). Nothing is
/// ever granted that was not requested.
/// </summary>
public static class RegistryAccess
{
    private const string AllActions = "*";

    public static IReadOnlyList<RegistryScope> Grant(RegistryPrincipal principal, IReadOnlyList<RegistryScope> requested) =>
        requested.Select(scope => scope with { Actions = Allowed(principal, scope) }).ToList();

    private static IReadOnlyList<string> Allowed(RegistryPrincipal principal, RegistryScope scope)
    {
        if (scope is { Type: RegistryScope.RegistryType, Name: "catalog" })
        {
            return principal.MayListCatalog ? scope.Actions.Where(action => action == AllActions).ToArray() : [];
        }

        if (scope.Type != RegistryScope.Repository)
        {
            return [];
        }

        var allowed = principal.Repositories
            .Where(permission => permission.Covers(scope.Name))
            .SelectMany(permission => permission.Actions)
            .ToHashSet(StringComparer.Ordinal);
        var wanted = scope.Actions.Contains(AllActions) ? allowed : scope.Actions.Where(allowed.Contains);
        return wanted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }
}
