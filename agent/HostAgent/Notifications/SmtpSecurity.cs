namespace Orbit.HostAgent.Notifications;

/// <summary>How the SMTP connection is secured (setting <c>SMTP_SECURITY</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Implicit TLS on 465, STARTTLS on any other port.</summary>
    Auto,

    /// <summary>TLS from the first byte: the 465 style.</summary>
    SslOnConnect,

    /// <summary>Plain connection upgraded with STARTTLS, which must be offered: the 587 style.</summary>
    StartTls,

    /// <summary>No TLS at all, for a relay on the loopback interface only.</summary>
    None,
}
