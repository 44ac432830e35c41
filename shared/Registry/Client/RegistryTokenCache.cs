using System.Collections.Concurrent;

namespace Orbit.Registry.Client;

/// <summary>What the authentication handler learns, kept for the app's lifetime (the HttpClient factory recycles handlers).</summary>
internal sealed class RegistryTokenCache
{
    public ConcurrentDictionary<string, AuthenticationChallenge> ChallengeByRequestKind { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, CachedToken> TokenByScope { get; } = new(StringComparer.Ordinal);

    public sealed record CachedToken(string Token, DateTimeOffset ValidUntil);
}
