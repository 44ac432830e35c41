using System.Reflection;

namespace Orbit.Benchmarks.BuildCleanup;

/// <summary>Where the build recorded the function app's own output (assembly metadata "FunctionAppPath", see Orbit.Benchmarks.csproj).</summary>
internal static class FunctionAppAssembly
{
    public static string Path
    {
        get
        {
            var path = typeof(FunctionAppAssembly).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(attribute => attribute.Key == "FunctionAppPath")?.Value;
            return !string.IsNullOrEmpty(path) && File.Exists(path)
                ? path
                : throw new InvalidOperationException($"The function app is not built at '{path}'; build tests/Benchmarks, which builds it.");
        }
    }
}
