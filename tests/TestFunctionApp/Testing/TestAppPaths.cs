using Orbit.Testing;

namespace Orbit.TestFunctionApp.Testing;

/// <summary>Where the solution's build put the test function app (tests/TestFunctionApp): a script root the local host runs.</summary>
public static class TestAppPaths
{
    public const string AssemblyName = "Orbit.TestFunctionApp";

    public static string ScriptRoot => AppPaths.Output(Path.Combine("tests", "TestFunctionApp"));
}
