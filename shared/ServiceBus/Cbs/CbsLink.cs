using Amqp;
using Amqp.Framing;

namespace Orbit.ServiceBus.Cbs;

/// <summary>
/// The pair of links to a connection's <c>$cbs</c> node: requests go out on the sender, answers come back on the
/// receiver, whose target is the reply-to address. Kept open for the life of the connection so tokens are renewed on
/// it; either link closing counts as the connection being lost (<see cref="ReceiverConnection"/>).
/// </summary>
internal sealed class CbsLink
{
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly SenderLink sender;
    private readonly ReceiverLink receiver;
    private readonly string replyTo;
    private readonly SemaphoreSlim oneRequestAtATime = new(1, 1);

    private CbsLink(SenderLink sender, ReceiverLink receiver, string replyTo)
    {
        this.sender = sender;
        this.receiver = receiver;
        this.replyTo = replyTo;
    }

    public static async Task<CbsLink> OpenAsync(ReceiverConnection connection, string name, CancellationToken cancellationToken)
    {
        var replyTo = $"{name}-cbs-reply";
        var senderAttached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiverAttached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new SenderLink(connection.Session, $"{name}-cbs-sender", new Target { Address = PutTokenRequest.NodeAddress },
            (_, remote) => senderAttached.TrySetResult(remote.Target is not null));
        connection.Watch(sender);
        var receiver = new ReceiverLink(connection.Session, $"{name}-cbs-receiver",
            new Attach { Source = new Source { Address = PutTokenRequest.NodeAddress }, Target = new Target { Address = replyTo } },
            (_, remote) => receiverAttached.TrySetResult(remote.Source is not null));
        connection.Watch(receiver);

        var attached = Task.WhenAll(senderAttached.Task, receiverAttached.Task);
        var outcome = await Task.WhenAny(attached, connection.Closed).WaitAsync(AttachTimeout, cancellationToken);
        if (outcome != attached || !senderAttached.Task.Result || !receiverAttached.Task.Result)
        {
            var error = connection.Closed.IsCompleted ? await connection.Closed : null;
            throw new InvalidOperationException(
                $"the broker refused the links to its {PutTokenRequest.NodeAddress} node, which takes the Entra ID token ({error?.ToString() ?? "no source or target"}); " +
                "only Azure Service Bus has one.");
        }

        receiver.SetCredit(10, autoRestore: true);
        return new CbsLink(sender, receiver, replyTo);
    }

    /// <summary>Puts <paramref name="token"/> for <paramref name="audience"/> and waits for the node to take it.</summary>
    public async Task PutTokenAsync(string audience, string token, CancellationToken cancellationToken)
    {
        await oneRequestAtATime.WaitAsync(cancellationToken);
        try
        {
            var request = new PutTokenRequest(audience, Guid.NewGuid().ToString("N"), replyTo);
            await sender.SendAsync(request.ToMessage(token)).WaitAsync(AnswerTimeout, cancellationToken);
            var deadline = DateTime.UtcNow + AnswerTimeout;
            while (true)
            {
                var left = deadline - DateTime.UtcNow;
                var answer = left > TimeSpan.Zero ? await receiver.ReceiveAsync(left).WaitAsync(cancellationToken) : null;
                if (answer is null)
                {
                    throw new TimeoutException($"Service Bus did not answer the put-token request for {audience} within {AnswerTimeout.TotalSeconds:0} s.");
                }

                receiver.Accept(answer);
                var response = PutTokenResponse.Read(answer);
                if (response.Answers(request))
                {
                    response.EnsureAccepted(request);
                    return;
                }
            }
        }
        finally
        {
            oneRequestAtATime.Release();
        }
    }
}
