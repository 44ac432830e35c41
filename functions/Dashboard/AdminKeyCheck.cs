using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// Whether a presented key is the master key, as the host checks it: SHA-256 of the presented key compared in constant
/// time with the configured hash (<see cref="DashboardOptions.AdminKeySha256"/>). Function and host keys are other keys
/// and fail; with no hash configured everything fails.
/// </summary>
public sealed class AdminKeyCheck(IOptions<DashboardOptions> options)
{
    public bool IsConfigured => Expected is not null;

    private byte[]? Expected => options.Value.AdminKeySha256 is { Length: 64 } hex ? Convert.FromHexString(hex) : null;

    public bool IsMasterKey(string? presented)
    {
        if (Expected is not { } expected || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected);
    }
}
