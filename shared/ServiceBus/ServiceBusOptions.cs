namespace Orbit.ServiceBus;

/// <summary>
/// The <c>ServiceBus</c> section: where the trigger connects and how it consumes. Credit granted to the
/// broker is <see cref="MaxConcurrentCalls"/> + <see cref="PrefetchCount"/>: the broker never has more
/// unsettled messages out to this instance than that, which is what bounds the work in flight.
/// </summary>
public sealed record ServiceBusOptions
{
    public const string SectionName = "ServiceBus";

    /// <summary><c>ServiceBus:Connection</c> given as a value: a Service Bus connection string or an AMQP URI.</summary>
    /// <remarks>
    /// Neither this nor <see cref="ConnectionSettings"/> is set by the configuration binder, which fails on a key that is
    /// read as a string but has settings under it (the identity-based form): <c>AddServiceBusTrigger</c> reads both from
    /// the section. Hence the internal setters.
    /// </remarks>
    public string? Connection { get; internal set; }

    /// <summary>
    /// <c>ServiceBus:Connection</c> given as settings under it, Azure Functions' identity-based form
    /// (<c>ServiceBus__Connection__fullyQualifiedNamespace</c>, <c>__credential</c>, <c>__clientId</c>), by name.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConnectionSettings { get; internal set; } = new Dictionary<string, string?>();

    public string? Entity { get; init; }

    /// <summary>The broker profile; inferred from <see cref="Connection"/> when not set (sb:// = Service Bus, amqp:// = RabbitMQ).</summary>
    public BrokerKind? Profile { get; init; }

    public int MaxConcurrentCalls { get; init; } = 16;

    public int PrefetchCount { get; init; }

    /// <summary>Attempts per message before it is dead-lettered with reason MaxDeliveryCountExceeded.</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>How long a failed message is held before it is released for redelivery; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The table of attempts per message id (and, on RabbitMQ, dead-letter reasons).</summary>
    public string AttemptsTable { get; init; } = "servicebusattempts";

    public int Credit => MaxConcurrentCalls + PrefetchCount;

    /// <summary>Where and as whom to connect; a <see cref="FormatException"/> says what is wrong with the settings.</summary>
    public ServiceBusConnection ParseConnection() => ServiceBusConnection.Parse(Connection, ConnectionSettings);

    /// <summary>
    /// The options with the connection written out as <see cref="ServiceBusConnection"/> does, without its key or
    /// password: the generated record <c>ToString</c> would print <see cref="Connection"/> and <see cref="ConnectionSettings"/>
    /// as given, keys included.
    /// </summary>
    public override string ToString()
    {
        string connection;
        try
        {
            connection = ParseConnection().ToString();
        }
        catch (FormatException)
        {
            connection = "(not usable)";
        }

        return $"ServiceBusOptions {{ Connection = {connection}, Entity = {Entity}, Profile = {Profile?.ToString() ?? "(inferred)"}, " +
            $"MaxConcurrentCalls = {MaxConcurrentCalls}, PrefetchCount = {PrefetchCount}, MaxDeliveryCount = {MaxDeliveryCount}, " +
            $"RetryDelay = {RetryDelay}, MaxRetryDelay = {MaxRetryDelay}, ReconnectMinDelay = {ReconnectMinDelay}, " +
            $"ReconnectMaxDelay = {ReconnectMaxDelay}, AttemptsTable = {AttemptsTable} }}";
    }

    /// <summary>The problems that would stop the trigger from working, as messages an operator can act on; the password never appears.</summary>
    public IEnumerable<string> Validate()
    {
        ServiceBusConnection? connection = null;
        string? problem = null;
        try
        {
            connection = ParseConnection();
        }
        catch (FormatException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            yield return problem;
        }

        if (connection is not null)
        {
            var profile = BrokerProfile.For(Profile ?? connection.InferredBroker);
            if (profile.RequiresTls && !connection.UseTls)
            {
                yield return $"ServiceBus:Profile {profile.Kind} needs AMQPS (TLS); ServiceBus:Connection is {connection}.";
            }

            if (connection.SignIn is EntraIdSignIn && !profile.AuthorizesWithClaims)
            {
                yield return $"ServiceBus:Profile {profile.Kind} has no claims-based authorization, so it cannot take the Entra ID sign-in of " +
                    "ServiceBus:Connection:fullyQualifiedNamespace: use the AzureServiceBus profile, or a connection string.";
            }
        }

        if (MaxConcurrentCalls < 1)
        {
            yield return $"ServiceBus:MaxConcurrentCalls must be at least 1; it is {MaxConcurrentCalls}.";
        }

        if (PrefetchCount < 0)
        {
            yield return $"ServiceBus:PrefetchCount must not be negative; it is {PrefetchCount}.";
        }

        if (MaxDeliveryCount < 1)
        {
            yield return $"ServiceBus:MaxDeliveryCount must be at least 1; it is {MaxDeliveryCount}.";
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            yield return $"ServiceBus:RetryDelay ({RetryDelay}) must be at least 0 and at most ServiceBus:MaxRetryDelay ({MaxRetryDelay}).";
        }

        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
        {
            yield return $"ServiceBus:ReconnectMinDelay ({ReconnectMinDelay}) must be positive and at most ServiceBus:ReconnectMaxDelay ({ReconnectMaxDelay}).";
        }
    }
}
