using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Orbit.HostAgent.Notifications;

/// <summary>Sends quota e-mails through MailKit; a user without an address is skipped with an INFO line.</summary>
public sealed partial class EmailNotifier(IOptions<SmtpOptions> options, UserEmailDirectory directory, ILogger<EmailNotifier> logger)
{
    private readonly SmtpOptions smtp = options.Value;

    /// <summary>How many were sent. A failed send is logged, never thrown: enforcement must not wait on mail.</summary>
    public async Task<int> SendAsync(IReadOnlyList<QuotaEmail> emails, CancellationToken cancellationToken)
    {
        var addressed = new List<(QuotaEmail Email, string Address)>();
        foreach (var email in emails)
        {
            var address = directory.AddressOf(email.User);
            if (address is null)
            {
                LogNoAddress(email.User, email.Subject);
            }
            else
            {
                addressed.Add((email, address));
            }
        }

        if (addressed.Count == 0)
        {
            return 0;
        }

        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            LogNoServer(addressed.Count);
            return 0;
        }

        try
        {
            using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
            if (!smtp.ValidateCertificate)
            {
                client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            }

            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            var sent = 0;
            foreach (var (email, address) in addressed)
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse(smtp.From));
                message.To.Add(new MailboxAddress(email.User, address));
                message.Subject = email.Subject;
                message.Body = new TextPart("plain") { Text = email.Body };
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                sent++;
            }

            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return sent;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSendFailed(smtp.Host, smtp.Port, exception.Message);
            return 0;
        }
    }

    private SecureSocketOptions SocketOptions() => smtp.Security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "No e-mail for host user {User} ({Subject}): no address mapping for this user")]
    private partial void LogNoAddress(string user, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} quota e-mails not sent: no SMTP host is configured")]
    private partial void LogNoServer(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending quota e-mail through {Host}:{Port} failed: {Reason}")]
    private partial void LogSendFailed(string host, int port, string reason);
}
