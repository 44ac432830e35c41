using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Orbit.Testing;

namespace Orbit.Quota.Tests.Api;

/// <summary>
/// functions/openapi.json as a contract to check answers against: the schema the document gives for an operation's
/// status and media type, evaluated as JSON Schema 2020-12 (what OpenAPI 3.1 schemas are) by JsonSchema.Net.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject document;
    private readonly JsonNode definitions;

    private OpenApiContract(JsonObject document)
    {
        this.document = document;
        definitions = Rewrite(document["components"]!["schemas"]!);
    }

    public static string FilePath => Path.Combine(RepositoryPaths.Root, "functions", "openapi.json");

    public static OpenApiContract Load() => new(JsonNode.Parse(File.ReadAllText(FilePath))!.AsObject());

    /// <summary>Asserts that the answer's status is one the operation documents and its body matches the schema given for it.</summary>
    public async Task AssertMatchesAsync(HttpMethod method, string pathTemplate, HttpResponseMessage response)
    {
        var operation = document["paths"]?[pathTemplate]?[method.Method.ToLowerInvariant()]
            ?? throw new Xunit.Sdk.XunitException($"openapi.json documents no {method} {pathTemplate}.");
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = operation["responses"]?[status]
            ?? throw new Xunit.Sdk.XunitException($"openapi.json does not document {status} for {method} {pathTemplate}; it documents {string.Join(", ", operation["responses"]!.AsObject().Select(r => r.Key))}.");
        var text = await response.Content.ReadAsStringAsync();
        if (documented["content"] is not JsonObject content)
        {
            Assert.True(text.Length == 0, $"{method} {pathTemplate} {status}: documented without a body, answered {text}");
            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        var schema = content[mediaType]?["schema"]
            ?? throw new Xunit.Sdk.XunitException($"{method} {pathTemplate} {status}: answered {mediaType}, documented {string.Join(", ", content.Select(c => c.Key))}.");
        var wrapper = Rewrite(schema).AsObject();
        wrapper["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        wrapper["$defs"] = definitions.DeepClone();
        var evaluator = JsonSchema.FromText(wrapper.ToJsonString());
        using var body = JsonDocument.Parse(text);
        var results = evaluator.Evaluate(body.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{method} {pathTemplate} {status} does not match its schema: {Describe(results)}\nbody: {text}");
    }

    private static JsonNode Rewrite(JsonNode node) =>
        JsonNode.Parse(node.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;

    private static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}")));

    public static MediaTypeHeaderValue Json => new("application/json");
}
