namespace Orbit.Testing;

public static class RepositoryPaths
{
    /// <summary>The checkout's root: the nearest folder above the test binaries holding OrbitFunctions.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrbitFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OrbitFunctions.sln above {AppContext.BaseDirectory}; run the tests from the checkout.");
    }
}
