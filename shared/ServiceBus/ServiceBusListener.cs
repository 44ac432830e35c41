using System.Collections.Concurrent;
using System.Security.Cryptography;
using Amqp;
using Amqp.Framing;
using Amqp.Sasl;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orbit.ServiceBus.Telemetry;

using Polly;
using Polly.Retry;
using Orbit.ServiceBus.Cbs;
using AmqpMessage = Amqp.Message;

namespace Orbit.ServiceBus;

/// <summary>
/// Runs one Service Bus-triggered function over AMQP 1.0 with peek-lock semantics: a message is
/// accepted only after its handler returned, dead-lettered on <see cref="DeadLetterException"/> or
/// after MaxDeliveryCount attempts, otherwise released for redelivery after a back-off. Link credit
/// bounds the messages in flight. A dropped connection is re-established with exponential back-off;
/// what was unsettled on it is redelivered by the broker, so delivery is at least once. With an Entra ID sign-in the
/// connection is authorized with a token put to its <c>$cbs</c> node before the receiver attaches, and renewed there.
/// </summary>
internal sealed class ServiceBusListener : BackgroundService
{
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceBusFunctionRegistration function;
    private readonly ServiceBusEntity entity;
    private readonly ServiceBusConnection connection;
    private readonly BrokerProfile profile;
    private readonly ServiceBusOptions options;
    private readonly DeliveryAttempts attempts;
    private readonly IServiceScopeFactory scopes;
    private readonly ListenerStates states;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly string containerId;
    private readonly SemaphoreSlim concurrency;
    private readonly CancellationTokenSource handlerCancellation = new();
    private readonly ConcurrentDictionary<long, Task> inFlight = new();

    // Ids of messages this instance saw fail: their redelivery is counted even where the broker's header does not show it.
    private readonly ConcurrentDictionary<string, byte> failedHere = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IReceiverLink, CreditWindow> creditWindows = new();
    private readonly ResiliencePipeline reconnect;
    private readonly TokenAuthorization? authorization;
    private long nextHandlerId;

    public ServiceBusListener(
        ServiceBusFunctionRegistration function,
        ServiceBusEntity entity,
        ServiceBusConnection connection,
        TokenCredential? credential,
        BrokerProfile profile,
        ServiceBusOptions options,
        DeliveryAttempts attempts,
        string hostId,
        IServiceScopeFactory scopes,
        ListenerStates states,
        TimeProvider time,
        ILogger<ServiceBusListener> logger)
    {
        this.function = function;
        this.entity = entity;
        this.connection = connection;
        this.profile = profile;
        this.options = options;
        this.attempts = attempts;
        this.scopes = scopes;
        this.states = states;
        this.time = time;
        this.logger = logger;
        containerId = $"{hostId}-{Environment.ProcessId}-{function.FunctionName}";
        concurrency = new SemaphoreSlim(options.MaxConcurrentCalls, options.MaxConcurrentCalls);
        authorization = credential is null ? null : new TokenAuthorization(credential, PutTokenRequest.AudienceOf(connection.Host, entity), time, logger, ListenerName);
        reconnect = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectMinDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = arguments =>
                {
                    states.Report(ListenerName, ListenerState.Retrying);
                    logger.LogWarning("{Listener}: cannot connect to {Broker} ({Error}); attempt {Attempt}, retrying in {Delay}.",
                        ListenerName, connection, arguments.Outcome.Exception?.Message, arguments.AttemptNumber + 1, arguments.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private string ListenerName => $"{function.FunctionName} (service bus {entity.Path})";

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        states.Report(ListenerName, ListenerState.Stopped);
    }

    public override void Dispose()
    {
        handlerCancellation.Dispose();
        concurrency.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        states.Report(ListenerName, ListenerState.Starting);
        try
        {
            await reconnect.ExecuteAsync(async token => await attempts.EnsureTableAsync(token), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var link = await reconnect.ExecuteAsync(async token => await ConnectAsync(token), stoppingToken);
                var lost = await link.WaitUntilClosedAsync(stoppingToken);
                if (lost is null)
                {
                    // Stopping: finish what is in flight while the connection can still settle it.
                    await DrainAsync(link);
                    break;
                }

                states.Report(ListenerName, ListenerState.Retrying);
                logger.LogWarning("{Listener}: connection to {Broker} lost ({Error}); reconnecting. Its unsettled messages are redelivered by the broker.",
                    ListenerName, connection, lost);
                await link.CloseAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<ReceiverConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory();
        factory.AMQP.ContainerId = containerId;
        AccessToken? token = null;
        if (authorization is not null)
        {
            token = await authorization.GetTokenAsync(cancellationToken);
            factory.SASL.Profile = SaslProfile.Anonymous;
        }

        var amqpConnection = await factory.CreateAsync(connection.ToAddress()).WaitAsync(cancellationToken);
        var link = new ReceiverConnection(amqpConnection);
        try
        {
            var address = profile.SourceAddress(entity);
            CbsLink? cbs = null;
            if (authorization is not null && token is { } first)
            {
                cbs = await authorization.AuthorizeAsync(link, containerId, first, cancellationToken);
                logger.LogInformation("{Listener}: signed in to {Broker} with an Entra ID token for {Audience}; valid until {ExpiresOn:u}, renewing at {RenewAt:u}.",
                    ListenerName, connection, authorization.Audience, first.ExpiresOn, TokenRenewal.At(first.ExpiresOn, time.GetUtcNow()));
            }

            var attach = new Attach
            {
                Source = new Source { Address = address },
                Target = new Target(),
                SndSettleMode = SenderSettleMode.Unsettled,
                RcvSettleMode = ReceiverSettleMode.First,
            };
            var attached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var receiver = new ReceiverLink(link.Session, $"{containerId}-{Guid.NewGuid():N}", attach, (_, remote) => attached.TrySetResult(remote.Source is not null));
            link.Attach(receiver);
            var outcome = await Task.WhenAny(attached.Task, link.Closed).WaitAsync(AttachTimeout, cancellationToken);
            if (outcome != attached.Task || !attached.Task.Result)
            {
                var error = link.Closed.IsCompleted ? await link.Closed : null;
                throw new InvalidOperationException($"the broker refused to attach to '{address}': {error?.ToString() ?? "no source"}");
            }

            var credit = new CreditWindow(receiver, options.Credit, profile.HonoursDeliveryCountInFlow);
            creditWindows[receiver] = credit;
            _ = link.Closed.ContinueWith(_ => creditWindows.TryRemove(receiver, out CreditWindow? _), TaskScheduler.Default);
            credit.Start(OnMessage);
            if (authorization is not null && cbs is not null && token is { } current)
            {
                _ = authorization.KeepRenewingAsync(link, cbs, current);
            }

            states.Report(ListenerName, ListenerState.Running);
            logger.LogInformation("{Listener}: receiving from {Address} on {Broker} ({Profile}; {Concurrency} concurrent calls, credit {Credit}, max {MaxDeliveryCount} attempts).",
                ListenerName, address, connection, profile.Kind, options.MaxConcurrentCalls, options.Credit, options.MaxDeliveryCount);
            return link;
        }
        catch
        {
            await link.CloseAsync();
            throw;
        }
    }

    private async Task DrainAsync(ReceiverConnection link)
    {
        try
        {
            await Task.WhenAll(inFlight.Values).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // Out of time: cancelled handlers release their messages; the rest are redelivered when the connection closes.
            logger.LogWarning("{Listener}: {Count} handlers did not finish before shutdown; cancelling them.", ListenerName, inFlight.Count);
            await handlerCancellation.CancelAsync();
            await Task.WhenAll(inFlight.Values).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await link.CloseAsync();
    }

    private void OnMessage(IReceiverLink receiver, AmqpMessage message)
    {
        // Called on the connection's I/O thread: hand over at once.
        var id = Interlocked.Increment(ref nextHandlerId);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inFlight[id] = done.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                await HandleAsync(receiver, message);
            }
            finally
            {
                inFlight.TryRemove(id, out _);
                done.SetResult();
            }
        }, CancellationToken.None);
    }

    private async Task HandleAsync(IReceiverLink receiver, AmqpMessage message)
    {
        var messageId = MessageIdOf(message);
        try
        {
            await concurrency.WaitAsync(handlerCancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Settle(receiver, message, messageId, link => link.Release(message), "released");
            return;
        }

        try
        {
            await HandleLockedAsync(receiver, message, messageId);
        }
        catch (Exception exception)
        {
            // Only failures before settlement get here (storage unreachable): hand the message back rather than hold its credit.
            logger.LogError(exception, "{Listener}: could not handle message {MessageId} (its attempts could not be counted); releasing it for redelivery.", ListenerName, messageId);
            Settle(receiver, message, messageId, link => link.Release(message), "released");
        }
        finally
        {
            concurrency.Release();
        }
    }

    private async Task HandleLockedAsync(IReceiverLink receiver, AmqpMessage message, string messageId)
    {
        var brokerCount = message.Header?.DeliveryCount ?? 0;
        var redelivered = brokerCount > 0 || message.Header is { FirstAcquirer: false } || failedHere.ContainsKey(messageId);
        var counted = redelivered;
        using var beforeHandler = new CancellationTokenSource(StorageTimeout);

        // A redelivery is counted before the handler runs, so a handler that kills its host still uses up attempts.
        var attempt = redelivered ? await attempts.CountAttemptAsync(messageId, beforeHandler.Token) : 1;
        attempt = Math.Max(attempt, checked((int)Math.Min(brokerCount + 1, int.MaxValue)));
        if (attempt > options.MaxDeliveryCount)
        {
            await DeadLetterAsync(receiver, message, messageId, "MaxDeliveryCountExceeded",
                $"delivered {attempt} times, more than ServiceBus:MaxDeliveryCount {options.MaxDeliveryCount}", beforeHandler.Token);
            return;
        }

        // A fresh storage budget for what follows the handler, however long the handler took.
        using var storage = new CancellationTokenSource();
        var received = new ServiceBusMessage(messageId, BodyOf(message), PropertiesOf(message), attempt, brokerCount, entity.Path);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await function.Invoke(scope.ServiceProvider, received, handlerCancellation.Token);
        }
        catch (DeadLetterException deadLetter)
        {
            storage.CancelAfter(StorageTimeout);
            await DeadLetterAsync(receiver, message, messageId, deadLetter.Reason, deadLetter.Message, storage.Token);
            return;
        }
        catch (OperationCanceledException) when (handlerCancellation.IsCancellationRequested)
        {
            Settle(receiver, message, messageId, link => link.Release(message), "released");
            return;
        }
        catch (Exception exception)
        {
            storage.CancelAfter(StorageTimeout);
            if (!counted)
            {
                attempt = Math.Max(attempt, await attempts.CountAttemptAsync(messageId, storage.Token));
            }

            if (attempt >= options.MaxDeliveryCount)
            {
                logger.LogError(exception, "{Listener}: message {MessageId} failed on attempt {Attempt} of {MaxDeliveryCount}.", ListenerName, messageId, attempt, options.MaxDeliveryCount);
                await DeadLetterAsync(receiver, message, messageId, "MaxDeliveryCountExceeded",
                    $"the handler failed {attempt} times; last error: {exception.Message}", storage.Token);
                return;
            }

            failedHere[messageId] = 0;
            var delay = RetryDelayAfter(attempt);
            logger.LogWarning(exception, "{Listener}: message {MessageId} failed on attempt {Attempt} of {MaxDeliveryCount}; releasing it for redelivery in {Delay}.",
                ListenerName, messageId, attempt, options.MaxDeliveryCount, delay);
            await Task.Delay(delay, time, handlerCancellation.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Settle(receiver, message, messageId, link => link.Release(message), "released");
            return;
        }

        Settle(receiver, message, messageId, link => link.Accept(message), "accepted");
        if (counted || failedHere.ContainsKey(messageId))
        {
            failedHere.TryRemove(messageId, out _);
            try
            {
                storage.CancelAfter(StorageTimeout);
                await attempts.ForgetAsync(messageId, storage.Token);
            }
            catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException)
            {
                // Harmless: a message id is not reused, so a leftover row is never read again.
                logger.LogWarning("{Listener}: message {MessageId} was accepted but its attempts row could not be removed ({Error}).", ListenerName, messageId, exception.Message);
            }
        }
    }

    private async Task DeadLetterAsync(IReceiverLink receiver, AmqpMessage message, string messageId, string reason, string description, CancellationToken cancellationToken)
    {
        if (!profile.CarriesDeadLetterReason)
        {
            // Written before the reject: a crash in between leaves a reason for a message that is redelivered, never a dead letter without one.
            await attempts.RecordDeadLetterAsync(messageId, reason, description, time.GetUtcNow(), cancellationToken);
        }

        failedHere.TryRemove(messageId, out _);
        if (Settle(receiver, message, messageId, link => link.Reject(message, profile.DeadLetterError(reason, description)), "dead-lettered"))
        {
            // Counted once settled: an unsettled message comes back and is dead-lettered (and counted) then.
            ServiceBusTelemetry.MessageDeadLettered(entity.Path, reason);
        }

        logger.LogError("{Listener}: dead-lettered message {MessageId}. Reason: {Reason}: {Description}", ListenerName, messageId, reason, description);
    }

    /// <summary>Settles the message; false when the connection is gone (the broker then delivers it again).</summary>
    private bool Settle(IReceiverLink receiver, AmqpMessage message, string messageId, Action<IReceiverLink> settle, string outcome)
    {
        try
        {
            settle(receiver);
            if (creditWindows.TryGetValue(receiver, out var credit))
            {
                credit.Settled();
            }

            return true;
        }
        catch (Exception exception) when (exception is AmqpException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogWarning("{Listener}: message {MessageId} could not be {Outcome} ({Error}): the connection is gone; the broker will deliver it again.",
                ListenerName, messageId, outcome, exception.Message);
            return false;
        }
    }

    private TimeSpan RetryDelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks));
        return delay;
    }

    private static string MessageIdOf(AmqpMessage message) =>
        message.Properties?.MessageId?.ToString() is { Length: > 0 } id
            ? id
            // Without an id the body stands for the message, so its attempts are still counted across deliveries.
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(BodyOf(message).ToMemory().Span));

    private static BinaryData BodyOf(AmqpMessage message) => message.BodySection switch
    {
        Data data => BinaryData.FromBytes(data.Binary ?? []),
        AmqpValue { Value: byte[] bytes } => BinaryData.FromBytes(bytes),
        AmqpValue { Value: string text } => BinaryData.FromString(text),
        AmqpValue { Value: { } value } => BinaryData.FromString(value.ToString() ?? string.Empty),
        _ => BinaryData.Empty,
    };

    private static IReadOnlyDictionary<string, object?> PropertiesOf(AmqpMessage message)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (message.ApplicationProperties?.Map is { } map)
        {
            foreach (var key in map.Keys)
            {
                properties[key.ToString() ?? string.Empty] = map[key];
            }
        }

        return properties;
    }
}
