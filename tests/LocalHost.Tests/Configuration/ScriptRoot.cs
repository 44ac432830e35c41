namespace Orbit.LocalHost.Tests.Configuration;

/// <summary>A temporary script root to write an app's files into; removed on dispose.</summary>
internal sealed class ScriptRoot : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("orbit-localhost-");

    public string Path => directory.FullName;

    public ScriptRoot Write(string name, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), content);
        return this;
    }

    public void Dispose() => directory.Delete(recursive: true);
}
