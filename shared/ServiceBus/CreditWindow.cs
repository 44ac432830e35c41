using Amqp;

namespace Orbit.ServiceBus;

/// <summary>
/// The link credit that bounds the messages in flight. Where the broker computes credit as AMQP says
/// (from the receiver's delivery-count), AMQPNetLite's automatic restore is used. RabbitMQ 3.x's AMQP
/// 1.0 plugin takes a flow's link-credit as absolute, so a top-up sent while deliveries are on the wire
/// lets it send more than granted and AMQPNetLite closes the link (transfer-limit-exceeded); there,
/// credit is granted again only once every granted message has arrived, when none can be on the wire.
/// </summary>
public sealed class CreditWindow
{
    private readonly ReceiverLink link;
    private readonly int size;
    private readonly bool exactFlow;
    private readonly object gate = new();
    private int outstanding;
    private int freed;

    public CreditWindow(ReceiverLink link, int size, bool brokerHonoursDeliveryCount)
    {
        this.link = link;
        this.size = size;
        exactFlow = !brokerHonoursDeliveryCount;
    }

    public void Start(MessageCallback onMessage)
    {
        if (!exactFlow)
        {
            link.Start(size, onMessage);
            return;
        }

        // Zero automatic credit installs the callback without a flow; manual grants follow.
        link.Start(0, (receiver, message) =>
        {
            Received();
            onMessage(receiver, message);
        });
        lock (gate)
        {
            outstanding = size;
            link.SetCredit(size, CreditMode.Manual);
        }
    }

    /// <summary>A message was settled: its slot can be granted again.</summary>
    public void Settled()
    {
        if (!exactFlow)
        {
            return;
        }

        lock (gate)
        {
            freed++;
            GrantIfNothingOnTheWire();
        }
    }

    private void Received()
    {
        lock (gate)
        {
            outstanding--;
            GrantIfNothingOnTheWire();
        }
    }

    private void GrantIfNothingOnTheWire()
    {
        if (outstanding > 0 || freed == 0 || link.IsClosed)
        {
            return;
        }

        outstanding = freed;
        freed = 0;
        link.SetCredit(outstanding, CreditMode.Manual);
    }
}
