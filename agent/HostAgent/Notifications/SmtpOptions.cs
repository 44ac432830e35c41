namespace Orbit.HostAgent.Notifications;

/// <summary>The mail server; with no <see cref="Host"/> the agent sends no e-mail.</summary>
public sealed record SmtpOptions
{
    public string? Host { get; init; }

    public int Port { get; init; } = 587;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.Auto;

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string From { get; init; } = "orbit-host-agent@localhost";

    /// <summary>Off only for a test server with a self-signed certificate.</summary>
    public bool ValidateCertificate { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public override string ToString() =>
        $"{nameof(SmtpOptions)} {{ {nameof(Host)} = {Host}, {nameof(Port)} = {Port}, {nameof(Security)} = {Security}, {nameof(Username)} = {Username}, {nameof(From)} = {From}, {nameof(ValidateCertificate)} = {ValidateCertificate} }}";
}
