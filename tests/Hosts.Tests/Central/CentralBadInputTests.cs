using System.Net;
using Orbit.Hosts.Central;
using static Orbit.Hosts.Tests.Central.CentralReports;

namespace Orbit.Hosts.Tests.Central;

[Collection(CentralAppCollection.Name)]
public sealed class CentralBadInputTests(CentralAppFixture fixture)
{
    [Fact]
    public async Task Every_bad_request_to_every_endpoint_gets_a_4xx_problem_and_writes_nothing()
    {
        var (hostId, secret) = fixture.NewHost();
        var (otherHost, _) = fixture.NewHost();
        var now = DateTimeOffset.UtcNow;
        var good = Report(hostId, "c1", now, [User("alice", 100, 0, limitBytes: 1000)], 10);
        using (var first = await fixture.PostReportAsync(hostId, secret, CentralAppFixture.Json(good)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var before = await fixture.SnapshotAsync(hostId);
        var next = good with { CycleId = "c2", ReportedAt = now.AddSeconds(120) };
        string Without(string member) => System.Text.Json.Nodes.JsonNode.Parse(CentralAppFixture.Json(next))!.AsObject() is var json && json.Remove(member) ? json.ToJsonString() : throw new ArgumentException(member);
        Func<Task<HttpResponseMessage>> Signed(string body, string contentType = "application/json") => () => fixture.PostReportAsync(hostId, secret, body, contentType: contentType);
        Func<Task<HttpResponseMessage>> SignedReport(HostReport report) => Signed(CentralAppFixture.Json(report));

        var requests = new List<(string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Expected, string? Detail)>
        {
            ("report: not JSON", Signed("this is not json"), HttpStatusCode.BadRequest, "not a host report"),
            ("report: JSON null", Signed("null"), HttpStatusCode.BadRequest, "JSON null"),
            ("report: an array", Signed("[]"), HttpStatusCode.BadRequest, "not a host report"),
            ("report: no cycleId", Signed(Without("cycleId")), HttpStatusCode.BadRequest, "cycleId"),
            ("report: no totals", Signed(Without("totals")), HttpStatusCode.BadRequest, "totals"),
            ("report: no users", Signed(Without("users")), HttpStatusCode.BadRequest, "users"),
            ("report: users null", Signed(CentralAppFixture.Json(next).Replace("\"users\":[", "\"users\":null,\"x\":[", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "users"),
            ("report: bytes as text", Signed(CentralAppFixture.Json(next).Replace("\"unattributedBytes\":10", "\"unattributedBytes\":\"ten\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "unattributedBytes"),
            ("report: bytes as a numeric string", Signed(CentralAppFixture.Json(next).Replace("\"unattributedBytes\":10", "\"unattributedBytes\":\"10\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "unattributedBytes"),
            ("report: for another host", SignedReport(next with { HostId = otherHost }), HttpStatusCode.BadRequest, "was posted for host"),
            ("report: cycle id with a slash", SignedReport(next with { CycleId = "c/2" }), HttpStatusCode.BadRequest, "must be 1 to 128 letters"),
            ("report: totals that do not add up", SignedReport(next with { Totals = next.Totals with { UsedBytes = 1 } }), HttpStatusCode.BadRequest, "totals.usedBytes"),
            ("report: percent above 100", SignedReport(next with { Totals = next.Totals with { Percent = 140 } }), HttpStatusCode.BadRequest, "totals.percent"),
            ("report: negative bytes", SignedReport(Report(hostId, "c2", now.AddSeconds(120), [User("alice", -5, 0)], 10)), HttpStatusCode.BadRequest, "0 or more"),
            ("report: negative limit", SignedReport(Report(hostId, "c2", now.AddSeconds(120), [User("alice", 5, 0, limitBytes: -1)], 10)), HttpStatusCode.BadRequest, "0 or more"),
            ("report: usedBytes not container + layer", SignedReport(Report(hostId, "c2", now.AddSeconds(120), [User("alice", 5, 0) with { UsedBytes = 6 }], 10)), HttpStatusCode.BadRequest, "is not containerBytes + layerBytes"),
            ("report: user name with a path", SignedReport(Report(hostId, "c2", now.AddSeconds(120), [User("../etc", 5, 0)], 10)), HttpStatusCode.BadRequest, "users[0].user"),
            ("report: a user twice", SignedReport(Report(hostId, "c2", now.AddSeconds(120), [User("alice", 5, 0), User("bob", 6, 0)], 10) with { Users = [User("alice", 5, 0), User("alice", 6, 0)] }), HttpStatusCode.BadRequest, "more than once"),
            ("report: dry run that removed", SignedReport(next with { DryRun = true, Enforcement = [Removal("alice", "api-1", 5, 1000)] }), HttpStatusCode.BadRequest, "dry run only plans"),
            ("report: real run that only planned", SignedReport(next with { Enforcement = [Removal("alice", "api-1", 5, 1000, EnforcementOutcome.Planned)] }), HttpStatusCode.BadRequest, "real run removes or fails"),
            ("report: action without a reason", SignedReport(next with { Enforcement = [Removal("alice", "api-1", 5, 1000) with { Reason = " " }] }), HttpStatusCode.BadRequest, "reason is required"),
            ("report: unknown outcome", Signed(CentralAppFixture.Json(next with { Enforcement = [Removal("alice", "api-1", 5, 1000)] }).Replace("\"removed\"", "\"deleted\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "not a host report"),
            ("report: not declared as JSON", Signed(CentralAppFixture.Json(next), "text/plain"), HttpStatusCode.UnsupportedMediaType, "Content-Type"),
            ("report: larger than 4 MiB", Signed(new string(' ', 4 * 1024 * 1024 + 1)), HttpStatusCode.RequestEntityTooLarge, "at most"),
            ("usage: invalid host id", () => fixture.App.Http.GetAsync("/api/hosts/Bad_Host/usage"), HttpStatusCode.BadRequest, "not a host id"),
            ("usage: host that never reported", () => fixture.App.Http.GetAsync($"/api/hosts/{otherHost}/usage"), HttpStatusCode.NotFound, "has not reported yet"),
            ("usage: no key", () => Unkeyed($"/api/hosts/{hostId}/usage"), HttpStatusCode.Unauthorized, null),
            ("hosts: no key", () => Unkeyed("/api/hosts"), HttpStatusCode.Unauthorized, null),
            ("quota: negative", () => fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": -1}"""), HttpStatusCode.BadRequest, "0 or more"),
            ("quota: not a number", () => fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": "lots"}"""), HttpStatusCode.BadRequest, null),
            ("quota: a number as a string", () => fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": "100"}"""), HttpStatusCode.BadRequest, "limitBytes"),
            ("quota: host that never reported", () => fixture.PutQuotaAsync(otherHost, "alice", """{"limitBytes": 100}"""), HttpStatusCode.NotFound, "has not reported yet"),
            ("quota: a fraction", () => fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": 1.5}"""), HttpStatusCode.BadRequest, null),
            ("quota: no limitBytes", () => fixture.PutQuotaAsync(hostId, "alice", """{"limit": 100}"""), HttpStatusCode.BadRequest, null),
            ("quota: not JSON", () => fixture.PutQuotaAsync(hostId, "alice", "100"), HttpStatusCode.BadRequest, null),
            ("quota: invalid host id", () => fixture.PutQuotaAsync("-host", "alice", """{"limitBytes": 100}"""), HttpStatusCode.BadRequest, "not a host id"),
            ("quota: invalid user", () => fixture.PutQuotaAsync(hostId, "-alice", """{"limitBytes": 100}"""), HttpStatusCode.BadRequest, "not a host user"),
            ("quota: user name too long", () => fixture.PutQuotaAsync(hostId, new string('a', 33), """{"limitBytes": 100}"""), HttpStatusCode.BadRequest, "not a host user"),
            ("quota: function key", () => fixture.PutQuotaAsync(hostId, "alice", """{"limitBytes": 100}""", CentralAppFixture.FunctionKey), HttpStatusCode.Unauthorized, "master key"),
        };

        foreach (var (what, send, expected, detail) in requests)
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(detail is null || text.Contains(detail, StringComparison.Ordinal), $"{what}: the problem should say \"{detail}\": {text}");
        }

        Assert.Equal(before, await fixture.SnapshotAsync(hostId));
        Assert.Empty(await fixture.SnapshotAsync(otherHost));
    }

    private async Task<HttpResponseMessage> Unkeyed(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", string.Empty);
        return await fixture.App.Http.SendAsync(request);
    }
}
