using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Orbit.FunctionHost.Http;

/// <summary>
/// The keys from configuration: <c>Keys:Master</c> (admin level) and every <c>Keys:Function:&lt;name&gt;</c>.
/// Authorization fails closed: with no key configured, nothing but anonymous functions is reachable.
/// </summary>
public sealed class FunctionKeys
{
    private readonly byte[]? master;
    private readonly IReadOnlyList<byte[]> functionKeys;

    public FunctionKeys(string? masterKey, IEnumerable<string> functionKeys)
    {
        master = string.IsNullOrEmpty(masterKey) ? null : Hash(masterKey);
        this.functionKeys = functionKeys.Where(key => !string.IsNullOrEmpty(key)).Select(Hash).ToList();
    }

    public static FunctionKeys FromConfiguration(IConfiguration configuration)
    {
        var keys = configuration.GetSection("Keys");
        return new FunctionKeys(
            keys["Master"],
            keys.GetSection("Function").GetChildren().Select(key => key.Value ?? string.Empty));
    }

    public bool Authorizes(AuthorizationLevel level, string? presentedKey)
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
        var authorized = master is not null && CryptographicOperations.FixedTimeEquals(presented, master);
        if (level == AuthorizationLevel.Function)
        {
            // Every key is compared, so the time taken does not tell which one (if any) matched.
            foreach (var key in functionKeys)
            {
                authorized |= CryptographicOperations.FixedTimeEquals(presented, key);
            }
        }

        return authorized;
    }

    // Hashing first gives equal lengths, so the comparison does not leak a key's length either.
    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
