namespace Orbit.HostAgent.Notifications;

/// <summary>
/// A host user's e-mail address. For now from the <c>NOTIFICATION_USER_EMAILS</c> mapping only; the seed resolves it
/// at the platform's user API with <c>NOTIFICATION_OAUTH_ACCESS_TOKEN</c>, which is not implemented here.
/// </summary>
public sealed class UserEmailDirectory(IReadOnlyDictionary<string, string> addresses)
{
    public string? AddressOf(string user) =>
        addresses.TryGetValue(user, out var address) && !string.IsNullOrWhiteSpace(address) ? address.Trim() : null;
}
