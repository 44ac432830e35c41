using Orbit.Tenants.Registration;

namespace Orbit.Tenants.Events;

/// <summary>One tenant lifecycle event, as read from its CloudEvents-style envelope.</summary>
/// <param name="EventId">The publisher's id for the event (CloudEvents <c>id</c>); redeliveries carry the same one.</param>
/// <param name="Time">When the publisher says it happened, when it says so.</param>
public sealed record TenantEvent(string EventId, TenantEventType Type, TenantId TenantId, DateTimeOffset? Time);
