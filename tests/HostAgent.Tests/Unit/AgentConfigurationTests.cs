using System.Text;
using Orbit.HostAgent.Hosting;
using Orbit.HostAgent.Notifications;
using Orbit.Hosts.Agent;

namespace Orbit.HostAgent.Tests.Unit;

public sealed class AgentConfigurationTests
{
    private const string File = """
        {
          "SLAVE_HOST_ID": "build-01",
          "MASTER_EVENT_CALLBACK_URL": "https://orbit.example.com/api/hosts/build-01/reports",
          "MASTER_EVENT_CALLBACK_SECRET": "0123456789abcdef0123",
          "DOCKER_HOST": "unix:///run/podman/podman.sock",
          "SMTP_HOST": "mail.example.com",
          "SMTP_PORT": "465",
          "SMTP_SECURITY": "ssl_on_connect",
          "NOTIFICATION_USER_EMAILS": { "alice": "alice@example.com" }
        }
        """;

    [Fact]
    public void The_agents_settings_come_from_the_config_file_and_the_environment_wins()
    {
        var configuration = HostAgentConfiguration.Build(
            new MemoryStream(Encoding.UTF8.GetBytes(File)),
            [KeyValuePair.Create<string, string?>("SMTP_SECURITY", "starttls"), KeyValuePair.Create<string, string?>("NOTIFICATION_USER_EMAILS__bob", "bob@example.com"), KeyValuePair.Create<string, string?>("SMTP_VALIDATE_CERTIFICATE", "false")]);

        var smtp = AgentConfiguration.Smtp(configuration);
        var emails = AgentConfiguration.UserEmails(configuration);

        Assert.Equal("mail.example.com", smtp.Host);
        Assert.Equal(465, smtp.Port);
        Assert.Equal(SmtpSecurity.StartTls, smtp.Security);
        Assert.False(smtp.ValidateCertificate);
        Assert.Equal("alice@example.com", emails["alice"]);
        Assert.Equal("bob@example.com", emails["bob"]);
        Assert.Equal(new Uri("unix:///run/podman/podman.sock"), AgentConfiguration.Docker(configuration).Endpoint);
    }

    [Fact]
    public void Certificates_are_validated_unless_switched_off()
    {
        var configuration = HostAgentConfiguration.Build(new MemoryStream(Encoding.UTF8.GetBytes(File)), []);

        Assert.True(AgentConfiguration.Smtp(configuration).ValidateCertificate);
        Assert.Equal(SmtpSecurity.SslOnConnect, AgentConfiguration.Smtp(configuration).Security);
    }

    [Fact]
    public void An_unknown_security_mode_is_refused_naming_the_setting()
    {
        var configuration = HostAgentConfiguration.Build(null, [KeyValuePair.Create<string, string?>("SMTP_SECURITY", "maybe")]);

        var problem = Assert.Single(Assert.Throws<HostAgentConfigurationException>(() => AgentConfiguration.Smtp(configuration)).Problems);
        Assert.Contains("SMTP_SECURITY", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_smtp_password_is_never_in_the_options_text()
    {
        var text = new SmtpOptions { Host = "h", Username = "u", Password = "hunter2-secret" }.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }
}
