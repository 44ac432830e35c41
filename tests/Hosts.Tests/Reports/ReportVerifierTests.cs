using System.Security.Cryptography;
using System.Text;
using Orbit.Hosts.Reports;

namespace Orbit.Hosts.Tests.Reports;

public sealed class ReportVerifierTests
{
    private const string Secret = "host-secret-0123456789";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"hostId":"build-01","usage":{"used":500}}""");

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryReplayGuard replayGuard;
    private readonly ReportVerifier verifier;

    public ReportVerifierTests()
    {
        replayGuard = new InMemoryReplayGuard(clock);
        verifier = new ReportVerifier(clock, replayGuard);
    }

    private ValueTask<ReportVerdict> Verify(SignedReportHeaders headers, byte[]? body = null, string secret = Secret) =>
        verifier.VerifyAsync("build-01", secret, headers.Timestamp, headers.Signature, body ?? Body, CancellationToken.None);

    private SignedReportHeaders SignNow(byte[]? body = null, string secret = Secret) => new ReportSigner(secret, clock).Sign(body ?? Body);

    [Fact]
    public void Signature_is_hmac_sha256_of_timestamp_dot_body_in_lowercase_hex()
    {
        var headers = SignNow();

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes("1795521600.").Concat(Body).ToArray());
        Assert.Equal("1795521600", headers.Timestamp);
        Assert.Equal("sha256=" + Convert.ToHexString(expected).ToLowerInvariant(), headers.Signature);
        Assert.Equal("X-Orbit-Timestamp", ReportHeaders.Timestamp);
        Assert.Equal("X-Orbit-Signature", ReportHeaders.Signature);
    }

    [Fact]
    public async Task Genuine_report_is_accepted() => Assert.Equal(ReportVerdict.Accepted, await Verify(SignNow()));

    [Fact]
    public async Task Checking_a_signature_remembers_nothing_until_it_is_recorded_and_recording_twice_is_a_replay()
    {
        var headers = SignNow();

        Assert.Equal(ReportVerdict.Accepted, verifier.CheckSignature(Secret, headers.Timestamp, headers.Signature, Body));
        Assert.Equal(ReportVerdict.Accepted, verifier.CheckSignature(Secret, headers.Timestamp, headers.Signature, Body));
        Assert.Equal(0, replayGuard.Count);
        Assert.Equal(ReportVerdict.Accepted, await verifier.RecordAsync("build-01", headers.Timestamp, headers.Signature, CancellationToken.None));
        Assert.Equal(ReportVerdict.Replayed, await verifier.RecordAsync("build-01", headers.Timestamp, headers.Signature, CancellationToken.None));
        Assert.Equal(ReportVerdict.Replayed, await Verify(headers));
    }

    [Fact]
    public async Task Tampered_body_is_refused() =>
        Assert.Equal(ReportVerdict.BadSignature, await Verify(SignNow(), Encoding.UTF8.GetBytes("""{"hostId":"build-01","usage":{"used":1}}""")));

    [Fact]
    public async Task Signature_with_another_secret_is_refused() =>
        Assert.Equal(ReportVerdict.BadSignature, await Verify(SignNow(secret: "someone-elses-secret-xyz")));

    [Fact]
    public async Task Moved_timestamp_is_refused()
    {
        var headers = SignNow();

        Assert.Equal(ReportVerdict.BadSignature, await Verify(headers with { Timestamp = "1795521601" }));
    }

    [Theory]
    [InlineData("sha256=zz")]
    [InlineData("md5=0123")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task Malformed_signature_is_refused(string signature) =>
        Assert.Equal(ReportVerdict.BadSignature, await Verify(SignNow() with { Signature = signature }));

    [Theory]
    [InlineData(-301, ReportVerdict.StaleTimestamp)]
    [InlineData(-300, ReportVerdict.Accepted)]
    [InlineData(300, ReportVerdict.Accepted)]
    [InlineData(301, ReportVerdict.StaleTimestamp)]
    public async Task Timestamp_must_be_within_five_minutes(int receivedAfterSeconds, ReportVerdict expected)
    {
        var headers = SignNow();
        clock.Now = clock.Now.AddSeconds(-receivedAfterSeconds);

        Assert.Equal(expected, await Verify(headers));
    }

    [Fact]
    public async Task Replayed_report_is_refused()
    {
        var headers = SignNow();

        Assert.Equal(ReportVerdict.Accepted, await Verify(headers));
        clock.Now = clock.Now.AddMinutes(4);
        Assert.Equal(ReportVerdict.Replayed, await Verify(headers));
    }

    [Fact]
    public async Task Replay_after_the_window_is_refused_as_stale_and_the_guard_forgets_it()
    {
        var headers = SignNow();
        await Verify(headers);

        clock.Now = clock.Now.AddMinutes(6);

        Assert.Equal(ReportVerdict.StaleTimestamp, await Verify(headers));
        Assert.Equal(ReportVerdict.Accepted, await Verify(SignNow()));
        Assert.Equal(1, replayGuard.Count);
    }

    [Fact]
    public async Task Forged_reports_do_not_fill_the_replay_guard()
    {
        await Verify(SignNow() with { Signature = "sha256=" + new string('0', 64) });

        Assert.Equal(0, replayGuard.Count);
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("1795521600", null)]
    [InlineData("", "")]
    public async Task Missing_headers_are_refused(string? timestamp, string? signature) =>
        Assert.Equal(ReportVerdict.MissingHeaders, await verifier.VerifyAsync("build-01", Secret, timestamp, signature, Body, CancellationToken.None));

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1795521600.5")]
    public async Task Malformed_timestamp_is_refused(string timestamp) =>
        Assert.Equal(ReportVerdict.MalformedTimestamp, await Verify(SignNow() with { Timestamp = timestamp }));
}
