using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Orbit.HostAgent.Docker;
using Orbit.HostAgent.Notifications;
using Orbit.Hosts.Agent;
using Names = Orbit.HostAgent.Hosting.AgentSettingNames;

namespace Orbit.HostAgent.Hosting;

/// <summary>Reads the agent's own settings from the configuration the library builds (file, then environment).</summary>
public static class AgentConfiguration
{
    public static AgentOptions Agent(IConfiguration configuration) => new()
    {
        StateDirectory = Text(configuration, Names.StateDirectory) ?? AgentOptions.DefaultStateDirectory,
        PasswdPath = Text(configuration, Names.PasswdPath) ?? "/etc/passwd",
    };

    public static DockerEngineOptions Docker(IConfiguration configuration)
    {
        var endpoint = Text(configuration, Names.DockerHost) ?? DockerEngineOptions.DefaultEndpoint;
        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "http" or "https"
            ? new DockerEngineOptions { Endpoint = uri }
            : throw new HostAgentConfigurationException([$"{Names.DockerHost} must be unix:///path or tcp://host:port; it is \"{endpoint}\"."]);
    }

    public static SmtpOptions Smtp(IConfiguration configuration)
    {
        var problems = new List<string>();
        var port = 587;
        if (Text(configuration, Names.SmtpPort) is { } portText && !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            problems.Add($"{Names.SmtpPort} must be a port number; it is \"{portText}\".");
        }

        var security = SmtpSecurity.Auto;
        if (Text(configuration, Names.SmtpSecurity) is { } securityText)
        {
            security = securityText.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
            {
                "auto" => SmtpSecurity.Auto,
                "sslonconnect" or "ssl" or "tls" or "implicit" => SmtpSecurity.SslOnConnect,
                "starttls" => SmtpSecurity.StartTls,
                "none" => SmtpSecurity.None,
                _ => Problem(problems, $"{Names.SmtpSecurity} must be auto, ssl_on_connect, starttls or none; it is \"{securityText}\"."),
            };
        }

        var validate = Text(configuration, Names.SmtpValidateCertificate)?.ToLowerInvariant() is not ("false" or "0" or "no");
        if (problems.Count > 0)
        {
            throw new HostAgentConfigurationException(problems);
        }

        return new SmtpOptions
        {
            Host = Text(configuration, Names.SmtpHost),
            Port = port,
            Security = security,
            Username = Text(configuration, Names.SmtpUsername),
            Password = configuration[Names.SmtpPassword],
            From = Text(configuration, Names.SmtpFrom) ?? "orbit-host-agent@localhost",
            ValidateCertificate = validate,
        };
    }

    /// <summary>The user-to-address mapping: a JSON object, or one <c>NOTIFICATION_USER_EMAILS__alice</c> per user.</summary>
    public static Dictionary<string, string> UserEmails(IConfiguration configuration)
    {
        var section = configuration.GetSection(Names.UserEmails);
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            try
            {
                foreach (var (user, address) in JsonSerializer.Deserialize<Dictionary<string, string>>(section.Value) ?? [])
                {
                    addresses[user] = address;
                }
            }
            catch (JsonException)
            {
                throw new HostAgentConfigurationException([$"{Names.UserEmails} must be a JSON object of user name to e-mail address."]);
            }

            return addresses;
        }

        foreach (var child in section.GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                addresses[child.Key] = child.Value;
            }
        }

        return addresses;
    }

    private static SmtpSecurity Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return SmtpSecurity.Auto;
    }

    private static string? Text(IConfiguration configuration, string name)
    {
        var value = configuration[name]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
