namespace Orbit.Testing;

/// <summary>Temporary folders for the components' data, removed when they stop.</summary>
public static class ScratchDirectory
{
    public static string Create(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
