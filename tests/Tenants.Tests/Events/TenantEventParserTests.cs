using System.Text;
using Orbit.Tenants.Events;

namespace Orbit.Tenants.Tests.Events;

public sealed class TenantEventParserTests
{
    [Theory]
    [InlineData("TenantCreated", TenantEventType.TenantCreated)]
    [InlineData("TenantDeleted", TenantEventType.TenantDeleted)]
    public void A_cloud_event_envelope_gives_its_type_id_time_and_tenant(string type, TenantEventType expected)
    {
        var parsed = Parse($$$"""{"specversion":"1.0","type":"{{{type}}}","source":"/platform/tenants","id":"evt-1","time":"2026-11-24T03:00:00Z","data":{"tenantId":"acme"}}""");

        Assert.Equal(expected, parsed.Type);
        Assert.Equal("evt-1", parsed.EventId);
        Assert.Equal("acme", parsed.TenantId.Value);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero), parsed.Time);
    }

    [Fact]
    public void Specversion_source_and_time_may_be_left_out()
    {
        var parsed = Parse("""{"type":"TenantDeleted","id":"e","data":{"tenantId":"acme-2"}}""");

        Assert.Equal(TenantEventType.TenantDeleted, parsed.Type);
        Assert.Null(parsed.Time);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not an event object")]
    [InlineData("""{"specversion":"0.3","type":"TenantCreated","id":"e","data":{"tenantId":"acme"}}""", "specversion '0.3'")]
    [InlineData("""{"id":"e","data":{"tenantId":"acme"}}""", "type is missing")]
    [InlineData("""{"type":"TenantRenamed","id":"e","data":{"tenantId":"acme"}}""", "Unknown event type 'TenantRenamed'")]
    [InlineData("""{"type":"1","id":"e","data":{"tenantId":"acme"}}""", "Unknown event type '1'")]
    [InlineData("""{"type":"TenantCreated","data":{"tenantId":"acme"}}""", "id is missing")]
    [InlineData("""{"type":"TenantCreated","id":7,"data":{"tenantId":"acme"}}""", "id must be a string")]
    [InlineData("""{"type":"TenantCreated","id":"e","time":"yesterday","data":{"tenantId":"acme"}}""", "time 'yesterday'")]
    [InlineData("""{"type":"TenantCreated","id":"e"}""", "data is missing")]
    [InlineData("""{"type":"TenantCreated","id":"e","data":{}}""", "data.tenantId is missing")]
    [InlineData("""{"type":"TenantCreated","id":"e","data":{"tenantId":"Acme_Corp"}}""", "data.tenantId 'Acme_Corp' is not a tenant id")]
    public void A_malformed_event_is_refused_with_a_reason_naming_what_is_wrong(string body, string reason)
    {
        var refused = Assert.Throws<MalformedTenantEventException>(() => Parse(body));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    private static TenantEvent Parse(string body) => TenantEventParser.Parse(Encoding.UTF8.GetBytes(body));
}
