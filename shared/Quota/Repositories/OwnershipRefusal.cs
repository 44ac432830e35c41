namespace Orbit.Quota.Repositories;

/// <summary>
/// Why a request about a repository is refused: the HTTP status it is answered with, the rule it breaks (a stable name a
/// client can branch on) and a detail a person can act on.
/// </summary>
public sealed record OwnershipRefusal(int Status, string Rule, string Detail);
