namespace Orbit.HostAgent.Notifications;

/// <summary>One e-mail to one host user.</summary>
public sealed record QuotaEmail(string User, string Subject, string Body);
