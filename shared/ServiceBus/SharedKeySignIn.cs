namespace Orbit.ServiceBus;

/// <summary>SASL PLAIN with a user name and password: a Service Bus SAS policy name and key, or a RabbitMQ user.</summary>
public sealed record SharedKeySignIn(string UserName, string Password) : ServiceBusSignIn
{
    /// <summary>The user name only: the password must never reach a log line or an error message.</summary>
    public override string ToString() => UserName;
}
