namespace Orbit.HostAgent.Hosting;

/// <summary>The agent's settings beyond the library's <see cref="Orbit.Hosts.Agent.HostAgentSettingNames"/>; same file, same override rule.</summary>
public static class AgentSettingNames
{
    public const string DockerHost = "DOCKER_HOST";
    public const string StateDirectory = "ORBIT_AGENT_STATE_DIRECTORY";
    public const string PasswdPath = "ORBIT_AGENT_PASSWD_PATH";
    public const string SmtpHost = "SMTP_HOST";
    public const string SmtpPort = "SMTP_PORT";
    public const string SmtpSecurity = "SMTP_SECURITY";
    public const string SmtpUsername = "SMTP_USERNAME";
    public const string SmtpPassword = "SMTP_PASSWORD";
    public const string SmtpFrom = "SMTP_FROM";
    public const string SmtpValidateCertificate = "SMTP_VALIDATE_CERTIFICATE";
    public const string UserEmails = "NOTIFICATION_USER_EMAILS";
    public const string OAuthAccessToken = "NOTIFICATION_OAUTH_ACCESS_TOKEN";
}
