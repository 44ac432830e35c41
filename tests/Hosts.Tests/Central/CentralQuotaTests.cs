using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Orbit.Hosts.Tests.Central.CentralReports;

namespace Orbit.Hosts.Tests.Central;

[Collection(CentralAppCollection.Name)]
public sealed class CentralQuotaTests(CentralAppFixture fixture)
{
    [Fact]
    public async Task A_limit_set_with_the_master_key_reaches_the_agent_in_the_answer_to_its_next_report()
    {
        var (hostId, secret) = fixture.NewHost();
        var now = DateTimeOffset.UtcNow;
        using (var first = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(Report(hostId, "c1", now, [User("alice", 500, 0, limitBytes: 1000)], 0))))
        {
            Assert.Empty((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limits").EnumerateObject());
        }

        using (var withFunctionKey = await fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": 2000}""", CentralAppFixture.FunctionKey))
        using (var withoutKey = await fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": 2000}""", key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        }

        var afterRefusals = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/hosts/{hostId}/usage");
        Assert.Equal(1000, afterRefusals.GetProperty("users")[0].GetProperty("limitBytes").GetInt64());

        using var put = await fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": 2000}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enforced").GetBoolean());

        var usage = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/hosts/{hostId}/usage");
        var alice = usage.GetProperty("users")[0];
        Assert.Equal(2000, alice.GetProperty("limitBytes").GetInt64());
        Assert.Equal(1000, alice.GetProperty("reportedLimitBytes").GetInt64());
        Assert.True(alice.GetProperty("limitSetCentrally").GetBoolean());
        Assert.Equal(2000, usage.GetProperty("total").GetInt64());

        using var next = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(Report(hostId, "c2", now.AddSeconds(120), [User("alice", 500, 0, limitBytes: 1000)], 0)));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var limits = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limits");
        Assert.Equal(2000, limits.GetProperty("alice").GetInt64());
    }

    [Fact]
    public async Task A_limit_of_zero_is_stored_shown_and_not_enforced()
    {
        var (hostId, secret) = fixture.NewHost();
        var now = DateTimeOffset.UtcNow;
        using (var first = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(Report(hostId, "c1", now, [User("uid:1234", 700, 0)], 0))))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var put = await fixture.PutQuotaAsync(hostId, "uid:1234", """{"limitBytes": 0}""");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enforced").GetBoolean());
        using var report = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(Report(hostId, "c2", now.AddSeconds(120), [User("uid:1234", 700, 0)], 0)));
        Assert.Equal(0, (await report.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limits").GetProperty("uid:1234").GetInt64());
        var user = (await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/hosts/{hostId}/usage")).GetProperty("users")[0];
        Assert.Equal(0, user.GetProperty("limitBytes").GetInt64());
        Assert.False(user.GetProperty("enforced").GetBoolean());
        Assert.False(user.GetProperty("overLimit").GetBoolean());
    }
}
