using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Orbit.Hosts.Audit;
using Orbit.Hosts.Enforcement;
using Names = Orbit.Hosts.Agent.HostAgentSettingNames;

namespace Orbit.Hosts.Agent;

/// <summary>
/// Reads the agent's settings: the JSON file (CONFIG_PATH, as in the seed), then environment variables of the same
/// names, which win. Every problem is collected before failing, so one start shows everything to fix.
/// </summary>
public static class HostAgentConfiguration
{
    /// <param name="configJson">The CONFIG_PATH file's content, or null when there is no file (environment only).</param>
    /// <param name="environment">The environment layer; null reads the process's environment variables.</param>
    public static IConfigurationRoot Build(Stream? configJson, IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (configJson is not null)
        {
            builder.AddJsonStream(configJson);
        }

        if (environment is null)
        {
            builder.AddEnvironmentVariables();
        }
        else
        {
            // Spelled as environment variables are, so "DOCKER_QUOTA_USER_LIMITS__alice" nests as it would from the process.
            builder.AddInMemoryCollection(environment.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), pair.Value)));
        }

        try
        {
            return builder.Build();
        }
        catch (FormatException exception)
        {
            throw new HostAgentConfigurationException($"the {Names.ConfigPath} file is not a valid JSON object: {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            throw new HostAgentConfigurationException($"the {Names.ConfigPath} file is not a valid JSON object: {exception.Message}", exception);
        }
    }

    public static HostAgentOptions Load(Stream? configJson, IEnumerable<KeyValuePair<string, string?>>? environment = null) =>
        Load(Build(configJson, environment));

    public static HostAgentOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();

        var hostId = Text(configuration, Names.HostId);
        if (hostId is null)
        {
            problems.Add($"{Names.HostId} is required: the name of this Docker host at the central service.");
        }

        Uri? callbackUrl = null;
        var callbackText = Text(configuration, Names.CallbackUrl);
        if (callbackText is null)
        {
            problems.Add($"{Names.CallbackUrl} is required: the central service's URL reports are posted to.");
        }
        else if (!Uri.TryCreate(callbackText, UriKind.Absolute, out callbackUrl) || callbackUrl.Scheme is not ("http" or "https"))
        {
            problems.Add($"{Names.CallbackUrl} must be an absolute http or https URL; it is \"{callbackText}\".");
        }

        var secret = configuration[Names.CallbackSecret];
        if (string.IsNullOrEmpty(secret))
        {
            problems.Add($"{Names.CallbackSecret} is required: the key reports are signed with.");
        }
        else if (secret.Length < HostAgentOptions.MinimumSecretLength)
        {
            problems.Add($"{Names.CallbackSecret} must be at least {HostAgentOptions.MinimumSecretLength} characters; it has {secret.Length}.");
        }

        var order = EnforcementOrder.NewestFirst;
        var orderText = Text(configuration, Names.EnforcementOrder);
        if (orderText is not null)
        {
            if (EnforcementOrders.TryParse(orderText, out var parsed))
            {
                order = parsed.Value;
            }
            else
            {
                problems.Add($"{Names.EnforcementOrder} must be one of {string.Join(", ", EnforcementOrders.Names)}; it is \"{orderText}\".");
            }
        }

        long? reserved = null;
        var reservedText = Text(configuration, Names.ReservedBytes);
        if (reservedText is not null)
        {
            if (TryParseBytes(reservedText, out var bytes))
            {
                reserved = bytes;
            }
            else
            {
                problems.Add($"{Names.ReservedBytes} must be a whole number of bytes, 0 or more; it is \"{reservedText}\".");
            }
        }

        var limits = UserLimits(configuration.GetSection(Names.UserLimits), problems);
        var auditLogPath = Text(configuration, Names.AuditLogPath) ?? HostAgentOptions.DefaultAuditLogPath;
        var auditKeys = AuditKeys(configuration.GetSection(Names.AuditKeys));
        var window = Seconds(configuration, Names.AttributionWindowSeconds, Attribution.AttributionOptions.DefaultWindow, problems);
        var interval = Seconds(configuration, Names.IntervalSeconds, HostAgentOptions.DefaultInterval, problems);
        var dryRun = DryRun(configuration, problems);
        var warnPercent = WarnPercent(configuration, problems);

        if (problems.Count > 0)
        {
            throw new HostAgentConfigurationException(problems);
        }

        return new HostAgentOptions(hostId!, callbackUrl!, secret!, order, reserved, limits, auditLogPath, auditKeys, window, interval, dryRun, warnPercent);
    }

    private static string? Text(IConfiguration configuration, string name)
    {
        var value = configuration[name]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static bool TryParseBytes(string text, out long bytes) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bytes);

    private static Dictionary<string, long> UserLimits(IConfigurationSection section, List<string> problems)
    {
        var limits = new Dictionary<string, long>(StringComparer.Ordinal);
        var whole = section.Value?.Trim();
        if (!string.IsNullOrEmpty(whole))
        {
            // Set as one JSON object (the seed's style of environment variable): it replaces the file's map.
            try
            {
                using var document = JsonDocument.Parse(whole);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{Names.UserLimits} must be a JSON object of user name to bytes; it is \"{whole}\".");
                    return limits;
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    AddLimit(limits, property.Name, property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetRawText() : property.Value.ToString(), problems);
                }
            }
            catch (JsonException)
            {
                problems.Add($"{Names.UserLimits} must be a JSON object of user name to bytes; it is \"{whole}\".");
            }

            return limits;
        }

        foreach (var child in section.GetChildren())
        {
            AddLimit(limits, child.Key, child.Value, problems);
        }

        return limits;
    }

    private static void AddLimit(Dictionary<string, long> limits, string user, string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            problems.Add($"{Names.UserLimits} has an entry without a user name.");
        }
        else if (value is null || !TryParseBytes(value.Trim(), out var bytes))
        {
            problems.Add($"{Names.UserLimits} for \"{user}\" must be a whole number of bytes, 0 or more; it is \"{value}\".");
        }
        else
        {
            limits[user] = bytes;
        }
    }

    private static IReadOnlyList<string> AuditKeys(IConfigurationSection section)
    {
        var text = section.Value;
        IEnumerable<string?> keys = string.IsNullOrWhiteSpace(text)
            ? section.GetChildren().Select(child => child.Value)
            : text.Split(',');
        var list = keys.Where(key => !string.IsNullOrWhiteSpace(key)).Select(key => key!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return list.Count > 0 ? list : AuditKeyFilter.DefaultKeys;
    }

    private static TimeSpan Seconds(IConfiguration configuration, string name, TimeSpan fallback, List<string> problems)
    {
        var text = Text(configuration, name);
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= TimeSpan.FromDays(1).TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add($"{name} must be a number of seconds above 0 and at most 86400; it is \"{text}\".");
        return fallback;
    }

    private static bool DryRun(IConfiguration configuration, List<string> problems)
    {
        var text = Text(configuration, Names.DryRun);
        switch (text?.ToLowerInvariant())
        {
            case null or "false" or "0" or "no":
                return false;
            case "true" or "1" or "yes":
                return true;
            default:
                problems.Add($"{Names.DryRun} must be true or false; it is \"{text}\".");
                return false;
        }
    }

    private static int WarnPercent(IConfiguration configuration, List<string> problems)
    {
        var text = Text(configuration, Names.WarnPercent);
        if (text is null)
        {
            return HostAgentOptions.DefaultWarnPercent;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100)
        {
            return percent;
        }

        problems.Add($"{Names.WarnPercent} must be a whole percent from 1 to 100; it is \"{text}\".");
        return HostAgentOptions.DefaultWarnPercent;
    }
}
