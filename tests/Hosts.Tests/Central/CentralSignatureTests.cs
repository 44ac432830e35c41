using Orbit.Testing;
using System.Globalization;
using System.Net;
using static Orbit.Hosts.Tests.Central.CentralReports;

namespace Orbit.Hosts.Tests.Central;

[Collection(CentralAppCollection.Name)]
public sealed class CentralSignatureTests(CentralAppFixture fixture)
{
    [Fact]
    public async Task Forged_stale_and_replayed_reports_are_refused_with_401_and_change_nothing()
    {
        var (hostId, secret) = fixture.NewHost();
        var now = DateTimeOffset.UtcNow;
        var accepted = CentralAppFixture.Json(Report(hostId, "cycle-1", now, [User("alice", 100, 0, limitBytes: 1000)], 0));
        var acceptedAt = CentralAppFixture.Now();
        var acceptedSignature = CentralAppFixture.Sign(secret, acceptedAt, accepted);
        using (var first = await fixture.PostSignedAsync(hostId, accepted, Text(acceptedAt), acceptedSignature))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var before = await fixture.SnapshotAsync(hostId);
        var usageBefore = await fixture.App.Http.GetStringAsync($"/api/hosts/{hostId}/usage");
        var (_, otherSecret) = fixture.NewHost();
        var bigger = CentralAppFixture.Json(Report(hostId, "cycle-2", now.AddSeconds(120), [User("alice", 9000, 0)], 0, [Removal("alice", "api-1", 300, 1000)]));
        var ts = CentralAppFixture.Now();
        var requests = new List<(string What, Func<Task<HttpResponseMessage>> Send, string Detail)>
        {
            ("signed with another host's secret", () => fixture.PostReportAsync(hostId, otherSecret, bigger), "not valid"),
            ("the accepted report's signature on another body", () => fixture.PostSignedAsync(hostId, bigger, Text(acceptedAt), acceptedSignature), "not valid"),
            ("signed for one timestamp, sent with the next", () => fixture.PostSignedAsync(hostId, bigger, Text(ts + 1), CentralAppFixture.Sign(secret, ts, bigger)), "not valid"),
            ("stale: signed 6 minutes ago", () => fixture.PostReportAsync(hostId, secret, bigger, ts - 360), "more than 5 minutes"),
            ("from the future: 6 minutes ahead", () => fixture.PostReportAsync(hostId, secret, bigger, ts + 360), "more than 5 minutes"),
            ("no signature header", () => fixture.PostSignedAsync(hostId, bigger, Text(ts), null), "headers are required"),
            ("no timestamp header", () => fixture.PostSignedAsync(hostId, bigger, null, CentralAppFixture.Sign(secret, ts, bigger)), "headers are required"),
            ("timestamp not a whole number", () => fixture.PostSignedAsync(hostId, bigger, "soon", CentralAppFixture.Sign(secret, ts, bigger)), "whole seconds"),
            ("signature not hex", () => fixture.PostSignedAsync(hostId, bigger, Text(ts), "sha256=" + new string('z', 64)), "not valid"),
            ("signature without its sha256= prefix", () => fixture.PostSignedAsync(hostId, bigger, Text(ts), CentralAppFixture.Sign(secret, ts, bigger)["sha256=".Length..]), "not valid"),
            ("malformed body with a forged signature: 401, not 400", () => fixture.PostReportAsync(hostId, otherSecret, "{ not json"), "not valid"),
            ("the accepted report replayed byte for byte", () => fixture.PostSignedAsync(hostId, accepted, Text(acceptedAt), acceptedSignature), "already accepted"),
        };

        foreach (var (what, send, detail) in requests)
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(text.Contains(detail, StringComparison.Ordinal), $"{what}: the problem should say \"{detail}\": {text}");
        }

        Assert.Equal(before, await fixture.SnapshotAsync(hostId));
        Assert.Equal(usageBefore, await fixture.App.Http.GetStringAsync($"/api/hosts/{hostId}/usage"));
    }

    [Fact]
    public async Task A_host_without_a_usable_secret_is_refused_and_nothing_is_stored_for_it()
    {
        var noSecret = fixture.HostWithoutSecret;
        var (shortHost, shortSecret) = fixture.HostWithShortSecret;
        var (referenceHost, referenceText) = fixture.HostWithUnresolvedReference;
        var requests = new List<(string What, Func<Task<HttpResponseMessage>> Send)>
        {
            ("no secret configured", () => fixture.PostReportAsync(noSecret, "any-secret-at-all-0123", CentralAppFixture.Json(Report(noSecret, "c1", DateTimeOffset.UtcNow, [User("alice", 1, 0)], 0)))),
            ("a secret shorter than 16 characters", () => fixture.PostReportAsync(shortHost, shortSecret, CentralAppFixture.Json(Report(shortHost, "c1", DateTimeOffset.UtcNow, [User("alice", 1, 0)], 0)))),
            ("an unresolved Key Vault reference, signed with its text", () => fixture.PostReportAsync(referenceHost, referenceText, CentralAppFixture.Json(Report(referenceHost, "c1", DateTimeOffset.UtcNow, [User("alice", 1, 0)], 0)))),
            ("a host id outside the grammar", () => fixture.PostReportAsync("Bad_Host", "any-secret-at-all-0123", "{}")),
        };

        foreach (var (what, send) in requests)
        {
            using var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await fixture.SnapshotAsync(noSecret));
        Assert.Empty(await fixture.SnapshotAsync(shortHost));
        Assert.Empty(await fixture.SnapshotAsync(referenceHost));
        // The worker's log lines reach the host's output in batches.
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.App.Output), output => output.Contains($"Refused a report for {referenceHost}: its secret setting (Hosts:Secrets:<hostId>) is a Key Vault reference", StringComparison.Ordinal), TimeSpan.FromSeconds(15), "the log line naming the unresolved reference");
        using var usage = await fixture.App.Http.GetAsync($"/api/hosts/{noSecret}/usage");
        Assert.Equal(HttpStatusCode.NotFound, usage.StatusCode);
    }

    [Fact]
    public async Task A_report_accepted_by_one_instance_is_a_replay_at_another()
    {
        var (hostId, secret) = fixture.NewHost();
        var body = CentralAppFixture.Json(Report(hostId, "c1", DateTimeOffset.UtcNow, [User("alice", 100, 0)], 0));
        var ts = CentralAppFixture.Now();
        var signature = CentralAppFixture.Sign(secret, ts, body);
        await using var second = await fixture.StartInstanceAsync("CentralSecondInstance");

        using var accepted = await fixture.PostSignedAsync(hostId, body, Text(ts), signature);
        var after = await fixture.SnapshotAsync(hostId);
        using var replayed = await fixture.PostSignedAsync(hostId, body, Text(ts), signature, instance: second);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("already accepted", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(after, await fixture.SnapshotAsync(hostId));
    }

    private static string Text(long unixSeconds) => unixSeconds.ToString(CultureInfo.InvariantCulture);
}
