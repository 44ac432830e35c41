namespace Orbit.Tenants.Acr;

/// <summary>ARM's <c>GenerateCredentialsResult</c>: the token's user name and the passwords just made.</summary>
internal sealed record GeneratedCredentials(string? Username, IReadOnlyList<GeneratedPassword>? Passwords);
