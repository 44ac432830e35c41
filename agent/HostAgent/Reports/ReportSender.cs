using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orbit.Hosts.Agent;
using Orbit.Hosts.Central;
using Orbit.Hosts.Reports;
using Polly;
using Polly.Retry;

namespace Orbit.HostAgent.Reports;

/// <summary>
/// Posts signed reports to the central service, retrying transient failures. Each attempt is signed afresh, in a later
/// second than the one before: the receiver refuses a signature it has already accepted, and a stale timestamp.
/// </summary>
public sealed partial class ReportSender
{
    private static readonly JsonSerializerOptions AnswerJson = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly HostAgentOptions options;
    private readonly ReportSigner signer;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline<HttpResponseMessage> retry;
    private readonly ILogger<ReportSender> logger;

    public ReportSender(HttpClient http, HostAgentOptions options, TimeProvider time, ILogger<ReportSender> logger, int maxRetryAttempts = 4, TimeSpan? firstRetryDelay = null)
    {
        this.http = http;
        this.options = options;
        this.logger = logger;
        this.time = time;
        signer = new ReportSigner(options.CallbackSecret, time);
        retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetryAttempts,
                Delay = firstRetryDelay ?? TimeSpan.FromSeconds(2),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(exception => exception.InnerException is TimeoutException)
                    .HandleResult(response => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500),
                OnRetry = attempt =>
                {
                    LogRetry(attempt.AttemptNumber + 1, attempt.Outcome.Result?.StatusCode.ToString() ?? attempt.Outcome.Exception?.Message ?? "");
                    attempt.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The exact bytes posted and signed: the central service reads them with the same options.</summary>
    public static byte[] Serialize(HostReport report) => JsonSerializer.SerializeToUtf8Bytes(report, HostReportJson.Options);

    /// <summary>The central service's answer, or null when it answered without limits. Throws when it refused the report.</summary>
    public async Task<HostReportResponse?> SendAsync(HostReport report, CancellationToken cancellationToken)
    {
        var body = Serialize(report);
        long? lastSignedSecond = null;
        using var response = await retry.ExecuteAsync(
            async token =>
            {
                // The same body signed in the same second is the same signature, which the receiver refuses as a replay
                // when an earlier attempt got as far as recording it; jittered retries can come that soon. A timer can
                // also fire a moment before the clock reads the next second, so this signs again until it does.
                var headers = signer.Sign(body);
                while (lastSignedSecond is { } last && long.Parse(headers.Timestamp, CultureInfo.InvariantCulture) <= last)
                {
                    var wait = DateTimeOffset.FromUnixTimeSeconds(last + 1) - time.GetUtcNow();
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, token).ConfigureAwait(false);
                    headers = signer.Sign(body);
                }

                lastSignedSecond = long.Parse(headers.Timestamp, CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, options.CallbackUrl);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add(ReportHeaders.Timestamp, headers.Timestamp);
                request.Headers.Add(ReportHeaders.Signature, headers.Signature);
                return await http.SendAsync(request, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The central service answered {(int)response.StatusCode} {response.StatusCode} to the report of cycle {report.CycleId}.", null, response.StatusCode);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var answer = JsonSerializer.Deserialize<HostReportResponse>(text, AnswerJson);
            return answer?.Limits is null ? null : answer;
        }
        catch (JsonException)
        {
            LogUnreadableAnswer(report.CycleId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report attempt {Attempt} failed ({Outcome}); retrying")]
    private partial void LogRetry(int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The central service's answer to the report of cycle {CycleId} is not JSON; limits unchanged")]
    private partial void LogUnreadableAnswer(string cycleId);
}
