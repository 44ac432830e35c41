using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbit.Hosts.Central;
using static Orbit.Hosts.Tests.Central.CentralReports;

namespace Orbit.Hosts.Tests.Central;

[Collection(CentralAppCollection.Name)]
public sealed class CentralReportTests(CentralAppFixture fixture)
{
    [Fact]
    public async Task A_signed_report_as_documented_is_stored_and_shows_in_host_usage_and_the_host_list()
    {
        var (hostId, secret) = fixture.NewHost();
        var body = $$"""
            {
              "hostId": "{{hostId}}",
              "cycleId": "2026-11-24T08:02:00Z",
              "reportedAt": "2026-11-24T08:02:00Z",
              "dryRun": false,
              "reservedBytes": null,
              "users": [
                { "user": "alice", "usedBytes": 500, "containerBytes": 300, "layerBytes": 200, "containers": 2, "layers": 3, "limitBytes": 1000 },
                { "user": "bob", "usedBytes": 100, "containerBytes": 100, "layerBytes": 0, "containers": 1, "layers": 0, "limitBytes": 0 },
                { "user": "carol", "usedBytes": 100, "containerBytes": 100, "layerBytes": 0, "containers": 1, "layers": 0, "limitBytes": 300 }
              ],
              "unattributedBytes": 50,
              "totals": { "trackedBytes": 700, "unattributedBytes": 50, "usedBytes": 750, "totalBytes": 1400, "freeBytes": 650, "percent": 53.57 },
              "enforcement": [
                {
                  "user": "carol", "containerId": "4f1c9e", "containerName": "api-1", "sizeRw": 300,
                  "created": "2026-11-24T08:01:00Z", "stopFirst": true, "userBytesBefore": 400, "userBytesAfter": 100, "limitBytes": 300,
                  "reason": "user carol uses 400 bytes of a 300-byte limit (133.3%); removing running container api-1 (300 bytes, created 2026-11-24 08:01:00Z), newest_first",
                  "outcome": "removed"
                }
              ]
            }
            """;

        using var response = await fixture.PostReportAsync(hostId, secret, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(hostId, receipt.GetProperty("hostId").GetString());
        Assert.True(receipt.GetProperty("latest").GetBoolean());
        Assert.Equal(1, receipt.GetProperty("events").GetInt32());
        Assert.Empty(receipt.GetProperty("limits").EnumerateObject());

        var usage = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/hosts/{hostId}/usage");
        Assert.Equal(750, usage.GetProperty("used").GetInt64());
        Assert.Equal(700, usage.GetProperty("trackedUsage").GetInt64());
        Assert.Equal(50, usage.GetProperty("unattributedUsage").GetInt64());
        Assert.Equal(50, usage.GetProperty("other").GetInt64());
        Assert.Equal(1000 + 0 + 300 + 50, usage.GetProperty("total").GetInt64());
        Assert.Equal(1350 - 750, usage.GetProperty("free").GetInt64());
        Assert.Equal(100.0 * 750 / 1350, usage.GetProperty("percent").GetDouble(), 6);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T08:02:00Z"), usage.GetProperty("lastReportedAt").GetDateTimeOffset());
        var users = usage.GetProperty("users").EnumerateArray().ToDictionary(user => user.GetProperty("user").GetString()!);
        Assert.Equal(["alice", "bob", "carol"], users.Keys.Order());
        Assert.Equal(500, users["alice"].GetProperty("usedBytes").GetInt64());
        Assert.Equal(300, users["alice"].GetProperty("containerBytes").GetInt64());
        Assert.Equal(200, users["alice"].GetProperty("layerBytes").GetInt64());
        Assert.Equal(3, users["alice"].GetProperty("layers").GetInt32());
        Assert.Equal(1000, users["alice"].GetProperty("limitBytes").GetInt64());
        Assert.True(users["alice"].GetProperty("enforced").GetBoolean());
        Assert.Equal(0, users["bob"].GetProperty("limitBytes").GetInt64());
        Assert.False(users["bob"].GetProperty("enforced").GetBoolean());

        var events = await fixture.EventsAsync(hostId);
        var removal = Assert.Single(events);
        Assert.Equal("carol", removal.GetString("User"));
        Assert.Equal("removed", removal.GetString("Outcome"));
        Assert.StartsWith("user carol uses 400 bytes", removal.GetString("Reason"), StringComparison.Ordinal);

        var hosts = await fixture.App.Http.GetFromJsonAsync<JsonElement>("/api/hosts");
        var listed = hosts.GetProperty("hosts").EnumerateArray().Single(host => host.GetProperty("hostId").GetString() == hostId);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T08:02:00Z"), listed.GetProperty("lastReportedAt").GetDateTimeOffset());
        Assert.Equal(750, listed.GetProperty("used").GetInt64());
        Assert.Equal(1400, listed.GetProperty("total").GetInt64());
        Assert.Equal(3, listed.GetProperty("users").GetInt32());
    }

    [Fact]
    public async Task Reserved_bytes_smaller_than_used_show_the_host_full_with_nothing_free()
    {
        var (hostId, secret) = fixture.NewHost();
        var report = Report(hostId, "c1", DateTimeOffset.UtcNow, [User("alice", 600, 0, limitBytes: 1000)], unattributedBytes: 100, reservedBytes: 500);

        using var response = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(report));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/hosts/{hostId}/usage");
        Assert.Equal(500, usage.GetProperty("total").GetInt64());
        Assert.Equal(700, usage.GetProperty("used").GetInt64());
        Assert.Equal(0, usage.GetProperty("free").GetInt64());
        Assert.Equal(100, usage.GetProperty("percent").GetDouble());
        Assert.Equal(500, usage.GetProperty("reservedBytes").GetInt64());
    }

    [Fact]
    public async Task The_same_cycle_sent_again_with_a_fresh_signature_stores_its_events_once()
    {
        var (hostId, secret) = fixture.NewHost();
        var report = Report(hostId, "cycle-7", DateTimeOffset.UtcNow, [User("alice", 100, 0, limitBytes: 100)], 0,
            [Removal("alice", "api-1", 300, 100), Removal("alice", "api-2", 50, 100, EnforcementOutcome.Failed) with { Error = "conflict: container is paused" }]);
        var body = CentralAppFixture.Json(report);
        var now = CentralAppFixture.Now();

        using var first = await fixture.PostReportAsync(hostId, secret, body, now);
        using var retry = await fixture.PostReportAsync(hostId, secret, body, now - 1);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var events = await fixture.EventsAsync(hostId);
        Assert.Equal(["api-1", "api-2"], events.Select(row => row.GetString("ContainerName")).Order());
        Assert.Equal("conflict: container is paused", events.Single(row => row.GetString("Outcome") == "failed").GetString("Error"));
    }

    [Fact]
    public async Task A_report_older_than_the_stored_one_keeps_its_events_but_not_its_usage()
    {
        var (hostId, secret) = fixture.NewHost();
        var now = DateTimeOffset.UtcNow;
        var newer = Report(hostId, "cycle-2", now, [User("alice", 100, 0)], 0);
        var older = Report(hostId, "cycle-1", now.AddMinutes(-2), [User("alice", 900, 0, limitBytes: 800)], 0, [Removal("alice", "api-1", 200, 800)]);

        using var first = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(newer));
        using var late = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(older));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.False((await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("latest").GetBoolean());
        var usage = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/hosts/{hostId}/usage");
        Assert.Equal("cycle-2", usage.GetProperty("cycleId").GetString());
        Assert.Equal(100, usage.GetProperty("used").GetInt64());
        Assert.Single(await fixture.EventsAsync(hostId));
    }

    [Fact]
    public async Task A_user_left_out_of_the_next_report_is_no_longer_listed()
    {
        var (hostId, secret) = fixture.NewHost();
        var now = DateTimeOffset.UtcNow;

        using var first = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(Report(hostId, "c1", now, [User("alice", 100, 0), User("bob", 200, 0)], 0)));
        using var second = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(Report(hostId, "c2", now.AddSeconds(120), [User("alice", 150, 0)], 0)));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var usage = await fixture.App.Http.GetFromJsonAsync<JsonElement>($"/api/hosts/{hostId}/usage");
        Assert.Equal(["alice"], usage.GetProperty("users").EnumerateArray().Select(user => user.GetProperty("user").GetString()));
        Assert.Equal(150, usage.GetProperty("used").GetInt64());
    }
}
