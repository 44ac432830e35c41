using Microsoft.Extensions.Logging;
using Orbit.HostAgent.Notifications;
using Orbit.HostAgent.Tests.Fixtures;

namespace Orbit.HostAgent.Tests;

/// <summary>Quota e-mail through MailKit to the real smtp-server, over implicit TLS and over STARTTLS.</summary>
public sealed class EmailTests
{
    [Theory]
    [InlineData(SmtpSecurity.SslOnConnect, "implicit")]
    [InlineData(SmtpSecurity.StartTls, "starttls")]
    public async Task A_warning_and_a_removal_notice_reach_the_user_over_the_secured_connection(SmtpSecurity security, string listener)
    {
        await using var smtp = await SmtpCaptureServer.StartAsync();
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        await containers.CreateAsync("alice-1", 3000, labelledUser: "alice");
        await containers.CreateAsync("carol-1", 2000, labelledUser: "carol");
        var settings = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = security == SmtpSecurity.SslOnConnect ? smtp.ImplicitTlsPort : smtp.StartTlsPort,
            Security = security,
            Username = "agent",
            Password = "not-checked",
            From = "quota@orbit.test",
            ValidateCertificate = false,
        };
        var emails = new Dictionary<string, string> { ["alice"] = "alice@orbit.test", ["carol"] = "carol@orbit.test" };

        // carol at 2000 of 2400 is at the warn level (80 %); alice at 3000 of 2500 loses her container.
        var outcome = await agent.Cycle(agent.Options(new Dictionary<string, long> { ["alice"] = 2500, ["carol"] = 2400 }), settings, emails).RunAsync(CancellationToken.None);

        Assert.Equal(3, outcome.EmailsSent);
        var received = smtp.Messages();
        Assert.Equal(3, received.Count);
        Assert.All(received, message => Assert.Equal(listener, message.Listener));
        Assert.All(received, message => Assert.True(message.Secure));
        var removal = Assert.Single(received, message => message.Subject!.StartsWith("Docker container removed", StringComparison.Ordinal));
        Assert.Equal(["alice@orbit.test"], removal.To);
        Assert.Contains("removing container alice-1", removal.Text, StringComparison.Ordinal);
        var carolWarning = Assert.Single(received, message => message.To.Contains("carol@orbit.test"));
        Assert.StartsWith("Docker disk quota warning", carolWarning.Subject, StringComparison.Ordinal);
        Assert.Single(received, message => message.To.Contains("alice@orbit.test") && message.Subject!.StartsWith("Docker disk quota warning", StringComparison.Ordinal));

        // Staying at the warn level does not warn again.
        var again = await agent.Cycle(agent.Options(new Dictionary<string, long> { ["alice"] = 2500, ["carol"] = 2400 }), settings, emails).RunAsync(CancellationToken.None);
        Assert.Equal(0, again.EmailsSent);
    }

    [Fact]
    public async Task A_user_without_an_address_gets_no_email_and_an_info_line()
    {
        await using var smtp = await SmtpCaptureServer.StartAsync();
        await using var podman = await PodmanEngine.StartAsync();
        await using var agent = new AgentHarness(podman);
        using var containers = new TestContainers(podman);
        await containers.CreateAsync("bob-1", 3000, labelledUser: "bob");
        var settings = new SmtpOptions { Host = "127.0.0.1", Port = smtp.StartTlsPort, Security = SmtpSecurity.StartTls, ValidateCertificate = false };

        var outcome = await agent.Cycle(agent.Options(new Dictionary<string, long> { ["bob"] = 1000 }), settings, new Dictionary<string, string> { ["alice"] = "alice@orbit.test" }).RunAsync(CancellationToken.None);

        Assert.Single(outcome.Plan.Actions);
        Assert.Equal(0, outcome.EmailsSent);
        Assert.Empty(smtp.Messages());
        Assert.Contains(agent.Logs.Lines, line => line.Level == LogLevel.Information && line.Message.StartsWith("No e-mail for host user bob", StringComparison.Ordinal));
        Assert.DoesNotContain(agent.Logs.Lines, line => line.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Certificate_validation_is_on_by_default_and_refuses_the_self_signed_test_server()
    {
        await using var smtp = await SmtpCaptureServer.StartAsync();
        var notifier = new EmailNotifier(
            Microsoft.Extensions.Options.Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = smtp.ImplicitTlsPort, Security = SmtpSecurity.SslOnConnect }),
            new UserEmailDirectory(new Dictionary<string, string> { ["alice"] = "alice@orbit.test" }),
            LoggerFactory.Create(_ => { }).CreateLogger<EmailNotifier>());

        var sent = await notifier.SendAsync([new QuotaEmail("alice", "subject", "body")], CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.Empty(smtp.Messages());
    }
}
