using System.Text.Json;

namespace Orbit.HostAgent.Checkpoints;

/// <summary>The checkpoint as a JSON file in the state directory, replaced atomically (temp file, flush, rename).</summary>
public sealed class CheckpointStore(string stateDirectory)
{
    public const string FileName = "checkpoint.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path => System.IO.Path.Combine(stateDirectory, FileName);

    public async Task<AgentCheckpoint> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return AgentCheckpoint.Initial;
        }

        await using var stream = File.OpenRead(Path);
        return await JsonSerializer.DeserializeAsync<AgentCheckpoint>(stream, Json, cancellationToken).ConfigureAwait(false) ?? AgentCheckpoint.Initial;
    }

    public async Task SaveAsync(AgentCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var temporary = Path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, checkpoint, Json, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
