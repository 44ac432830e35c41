using Orbit.ServiceBus;
using Orbit.Tenants.Events;

namespace Orbit.Functions.Tenants;

/// <summary>
/// Service Bus trigger (<c>ServiceBus:Entity</c>; run by the app itself, see docs/service-bus.md): the platform's TenantCreated and TenantDeleted events. The
/// message is settled when this returns, which is once the event's effect is durable; a malformed event, or
/// one that can never take effect, is dead-lettered with its reason.
/// </summary>
public sealed class TenantEventsFunction(TenantEventHandler handler) : IServiceBusFunction
{
    public async Task RunAsync(ServiceBusMessage message, CancellationToken cancellationToken)
    {
        TenantEvent tenantEvent;
        try
        {
            tenantEvent = TenantEventParser.Parse(message.Body.ToMemory());
        }
        catch (MalformedTenantEventException malformed)
        {
            throw new DeadLetterException("MalformedTenantEvent", malformed.Message);
        }

        try
        {
            await handler.HandleAsync(tenantEvent, cancellationToken);
        }
        catch (RejectedTenantEventException rejected)
        {
            throw new DeadLetterException(rejected.Reason, rejected.Message);
        }
    }
}
