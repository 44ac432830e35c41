namespace Orbit.Testing;

/// <summary>Queue, table and host names unique to one test run, so runs on one Azurite never collide.</summary>
public static class TestNames
{
    public static string Queue(string purpose) => $"{purpose}-{Suffix()}";

    public static string Table(string purpose) => $"{purpose}{Suffix()}";

    public static string HostId(string purpose) => $"{purpose}-{Suffix()}";

    private static string Suffix() => Guid.NewGuid().ToString("N")[..12];
}
