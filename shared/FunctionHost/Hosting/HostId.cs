using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Orbit.FunctionHost.Hosting;

/// <summary>
/// Names this function app in shared storage (its singleton locks and timer status). Instances of one
/// app share it; two apps on one storage account must not. <c>AzureFunctionsWebHost__hostid</c> as in Azure.
/// </summary>
public static partial class HostId
{
    public const string SettingName = "AzureFunctionsWebHost:hostid";

    public static string FromConfiguration(IConfiguration configuration, string applicationName)
    {
        var configured = configuration[SettingName];
        var id = configured is { Length: > 0 }
            ? configured
            : Invalid().Replace(applicationName.ToLowerInvariant(), "-").Trim('-');
        id = id.Length > 32 ? id[..32].TrimEnd('-') : id;
        return ValidId().IsMatch(id)
            ? id
            : throw new InvalidOperationException($"The host id '{id}' ({SettingName}) must be 1–32 lowercase letters, digits and dashes.");
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex Invalid();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex ValidId();
}
