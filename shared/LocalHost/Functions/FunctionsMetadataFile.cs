using System.Text.Json.Nodes;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Functions;

/// <summary>
/// The app's functions.metadata, which the worker SDK writes at build time: what the host loads when the worker does
/// not index itself (worker.config.json without <c>workerIndexing</c>, or a worker that asks for the default indexing).
/// </summary>
public static class FunctionsMetadataFile
{
    public const string FileName = "functions.metadata";

    public static IReadOnlyList<RpcFunctionMetadata> Read(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, FileName);
        var functions = JsonNode.Parse(File.ReadAllText(path)) as JsonArray ?? throw new InvalidDataException($"{path} is not a JSON array of functions.");
        return functions.OfType<JsonObject>().Select(function =>
        {
            var metadata = new RpcFunctionMetadata
            {
                Name = (string?)function["name"] ?? throw new InvalidDataException($"A function in {path} has no name."),
                Directory = scriptRoot,
                ScriptFile = (string?)function["scriptFile"] ?? string.Empty,
                EntryPoint = (string?)function["entryPoint"] ?? string.Empty,
                Language = (string?)function["language"] ?? string.Empty,
            };
            metadata.RawBindings.AddRange((function["bindings"] as JsonArray ?? []).OfType<JsonObject>().Select(binding => binding.ToJsonString()));
            return metadata;
        }).ToList();
    }
}
