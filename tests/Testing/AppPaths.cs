namespace Orbit.Testing;

/// <summary>
/// Where the solution's build put the function app and the local host, in the configuration the tests were built in
/// (the tests run what <c>dotnet build</c> of the solution produced, never a copy of their own).
/// </summary>
public static class AppPaths
{
    /// <summary>The function app's build output: the script root the local host runs (worker.config.json, functions.metadata, host.json).</summary>
    public static string FunctionsScriptRoot => Output("functions");

    /// <summary>The local host that stands in for <c>func start</c>.</summary>
    public static string LocalHost => Path.Combine(Output(Path.Combine("shared", "LocalHost")), "Orbit.LocalHost.dll");

    /// <summary>The folder of a project's build output, in this test assembly's configuration and framework.</summary>
    public static string Output(string projectFolder)
    {
        // The tests' own folder is <project>/bin/<configuration>/<framework>/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        return Path.Combine(RepositoryPaths.Root, projectFolder, "bin", configuration.Name, framework.Name);
    }
}
