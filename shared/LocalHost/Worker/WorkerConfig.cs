using System.Text.Json;

namespace Orbit.LocalHost.Worker;

/// <summary>
/// The app's worker.config.json, written by the Functions worker SDK: how to start the worker
/// (<c>defaultExecutablePath</c> with <c>defaultWorkerPath</c>) and whether the worker indexes its own functions.
/// </summary>
public sealed record WorkerConfig(string Language, string ExecutablePath, string WorkerPath, IReadOnlyList<string> Arguments, bool WorkerIndexing)
{
    public const string FileName = "worker.config.json";

    public static WorkerConfig Read(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: this host runs isolated-worker apps, whose build output holds worker.config.json.", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("description", out var description))
        {
            throw new InvalidDataException($"{path} has no \"description\".");
        }

        string Text(string name) => description.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        var executable = Text("defaultExecutablePath");
        var worker = Text("defaultWorkerPath");
        if (executable.Length == 0 || worker.Length == 0)
        {
            throw new InvalidDataException($"{path} names no defaultExecutablePath or defaultWorkerPath.");
        }

        var arguments = description.TryGetProperty("arguments", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(argument => argument.GetString() ?? string.Empty).Where(argument => argument.Length > 0).ToList()
            : [];
        var indexing = Text("workerIndexing");
        if (indexing.Length == 0 && description.TryGetProperty("workerIndexing", out var flag) && flag.ValueKind is JsonValueKind.True)
        {
            indexing = "true";
        }

        return new WorkerConfig(Text("language"), executable, Path.Combine(scriptRoot, worker), arguments, string.Equals(indexing, "true", StringComparison.OrdinalIgnoreCase));
    }
}
