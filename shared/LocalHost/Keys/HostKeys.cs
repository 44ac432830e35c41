using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Orbit.LocalHost.Keys;

/// <summary>
/// The keys the host accepts, as Azure Functions has them:
/// <list type="bullet">
/// <item><c>Keys:Master</c>: the master key, admin level, accepted everywhere;</item>
/// <item><c>Keys:Host:&lt;name&gt;</c> (and, under its earlier name, <c>Keys:Function:&lt;name&gt;</c>): host keys, function level for every function;</item>
/// <item><c>Keys:Functions:&lt;function&gt;:&lt;name&gt;</c>: a key of that one function;</item>
/// <item><c>Keys:System:&lt;name&gt;</c>: a system key for an extension's webhooks. <c>durabletask_extension</c>, when not set,
/// is derived from the master key, so every instance sharing the master key hands out and accepts the same one.</item>
/// </list>
/// Authorization fails closed: with no key configured, nothing above anonymous is reachable.
/// Presented keys are compared in constant time against every key of the level (SHA-256 of both sides first,
/// so neither which key matched nor a key's length shows in the time taken).
/// </summary>
public sealed class HostKeys
{
    public const string DurableTaskSystemKeyName = "durabletask_extension";

    private readonly byte[]? master;
    private readonly IReadOnlyList<byte[]> hostKeys;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<byte[]>> functionKeys;
    private readonly IReadOnlyDictionary<string, string> systemKeys;

    private HostKeys(string? master, IEnumerable<string> hostKeys, IReadOnlyDictionary<string, IReadOnlyList<byte[]>> functionKeys, IReadOnlyDictionary<string, string> systemKeys)
    {
        this.master = string.IsNullOrEmpty(master) ? null : Hash(master);
        this.hostKeys = hostKeys.Where(key => key.Length > 0).Select(Hash).ToList();
        this.functionKeys = functionKeys;
        this.systemKeys = systemKeys;
    }

    public bool HasMasterKey => master is not null;

    public static HostKeys FromConfiguration(IConfiguration configuration)
    {
        var keys = configuration.GetSection("Keys");
        var master = keys["Master"];
        var hostKeys = keys.GetSection("Host").GetChildren().Concat(keys.GetSection("Function").GetChildren()).Select(key => key.Value ?? string.Empty);
        var functionKeys = keys.GetSection("Functions").GetChildren().ToDictionary(
            function => function.Key,
            IReadOnlyList<byte[]> (function) => function.GetChildren().Select(key => key.Value).OfType<string>().Where(key => key.Length > 0).Select(Hash).ToList(),
            StringComparer.OrdinalIgnoreCase);
        var systemKeys = keys.GetSection("System").GetChildren()
            .Where(key => !string.IsNullOrEmpty(key.Value))
            .ToDictionary(key => key.Key, key => key.Value!, StringComparer.OrdinalIgnoreCase);
        if (!systemKeys.ContainsKey(DurableTaskSystemKeyName) && !string.IsNullOrEmpty(master))
        {
            systemKeys[DurableTaskSystemKeyName] = Derive(master, DurableTaskSystemKeyName);
        }

        return new HostKeys(master, hostKeys, functionKeys, systemKeys);
    }

    /// <summary>The value of a system key, for the URLs an extension hands out; null when there is none.</summary>
    public string? SystemKey(string name) => systemKeys.GetValueOrDefault(name);

    /// <summary>Whether any of the keys a caller presented (<see cref="PresentedKey.From"/>) authorizes the call.</summary>
    public bool Authorizes(AuthorizationLevel level, string functionName, IEnumerable<string> presentedKeys) =>
        level == AuthorizationLevel.Anonymous || presentedKeys.Any(key => Authorizes(level, functionName, key));

    /// <inheritdoc cref="AuthorizesSystem(string, string?)"/>
    public bool AuthorizesSystem(string systemKeyName, IEnumerable<string> presentedKeys) =>
        presentedKeys.Any(key => AuthorizesSystem(systemKeyName, key));

    public bool Authorizes(AuthorizationLevel level, string functionName, string? presentedKey)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var presented = Hash(presentedKey);
        var authorized = Matches(presented, master);
        if (level == AuthorizationLevel.Function)
        {
            authorized |= MatchesAny(presented, hostKeys);
            authorized |= MatchesAny(presented, functionKeys.GetValueOrDefault(functionName) ?? []);
        }

        return authorized;
    }

    /// <summary>An extension's webhooks take the master key or that extension's system key, never a function or host key.</summary>
    public bool AuthorizesSystem(string systemKeyName, string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var presented = Hash(presentedKey);
        var system = SystemKey(systemKeyName) is { } key ? Hash(key) : null;
        return Matches(presented, master) | Matches(presented, system);
    }

    private static bool MatchesAny(byte[] presented, IReadOnlyList<byte[]> keys)
    {
        var any = false;
        foreach (var key in keys)
        {
            any |= CryptographicOperations.FixedTimeEquals(presented, key);
        }

        return any;
    }

    private static bool Matches(byte[] presented, byte[]? key) => key is not null && CryptographicOperations.FixedTimeEquals(presented, key);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Derive(string master, string name) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(master), Encoding.UTF8.GetBytes($"orbit-system-key:{name}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
