using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orbit.Tenants.Tests.Acr;

/// <summary>
/// Replays one recorded ARM conversation (<c>Acr/Recorded/*.json</c>) as the HTTP client's innermost handler: each
/// request must be the next recorded one (method, path, query, bearer token and the recorded body's fields), and
/// gets the recorded answer. Anything else fails the test at that request.
/// </summary>
internal sealed class RecordedArmExchange : HttpMessageHandler
{
    private readonly JsonArray exchanges;
    private readonly string bearerToken;
    private readonly List<string> served = [];

    private RecordedArmExchange(JsonArray exchanges, string bearerToken)
    {
        this.exchanges = exchanges;
        this.bearerToken = bearerToken;
    }

    public static RecordedArmExchange Load(string name, string bearerToken)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Acr", "Recorded", name);
        var recording = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return new RecordedArmExchange(recording["exchanges"]!.AsArray(), bearerToken);
    }

    /// <summary>The requests answered so far, as <c>METHOD path</c>.</summary>
    public IReadOnlyList<string> Served
    {
        get
        {
            lock (served)
            {
                return [.. served];
            }
        }
    }

    public IReadOnlyList<string> Recorded =>
        [.. exchanges.Select(exchange => $"{exchange!["request"]!["method"]} {exchange["request"]!["path"]}")];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int index;
        lock (served)
        {
            index = served.Count;
            served.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
        }

        Assert.True(index < exchanges.Count, $"Request {index + 1}, {request.Method} {request.RequestUri}, goes beyond the {exchanges.Count} recorded.");
        var expected = exchanges[index]!["request"]!.AsObject();
        var where = $"request {index + 1} ({request.Method} {request.RequestUri!.AbsolutePath})";

        Assert.Equal((string)expected["method"]!, request.Method.Method);
        Assert.Equal("management.azure.com", request.RequestUri.Host);
        Assert.Equal((string)expected["path"]!, Uri.UnescapeDataString(request.RequestUri.AbsolutePath));
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        foreach (var (key, value) in expected["query"]?.AsObject() ?? [])
        {
            Assert.True((string?)value == query[key], $"{where}: query {key} is '{query[key]}', recorded '{value}'.");
        }

        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal(bearerToken, request.Headers.Authorization?.Parameter);

        if (expected["body"] is JsonNode recordedBody)
        {
            Assert.NotNull(request.Content);
            var sent = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            AssertContains(recordedBody, sent, where + " body");
        }

        return Answer(exchanges[index]!["response"]!.AsObject());
    }

    private static HttpResponseMessage Answer(JsonObject recorded)
    {
        var response = new HttpResponseMessage((HttpStatusCode)(int)recorded["status"]!);
        var body = recorded["body"];
        response.Content = new StringContent(body is null ? string.Empty : body.ToJsonString(), Encoding.UTF8);
        response.Content.Headers.ContentType = body is null ? null : new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in recorded["headers"]?.AsObject() ?? [])
        {
            response.Headers.TryAddWithoutValidation(name, (string?)value);
        }

        return response;
    }

    // The recorded body names the fields that matter; the client may send more.
    private static void AssertContains(JsonNode recorded, JsonNode? sent, string where)
    {
        switch (recorded)
        {
            case JsonObject fields:
                var sentObject = Assert.IsType<JsonObject>(sent);
                foreach (var (name, value) in fields)
                {
                    Assert.True(sentObject.ContainsKey(name), $"{where}: '{name}' is missing.");
                    AssertContains(value!, sentObject[name], $"{where}.{name}");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(recorded, sent), $"{where}: sent {sent?.ToJsonString()}, recorded {recorded.ToJsonString()}.");
                break;
        }
    }
}
