namespace Orbit.Testing;

/// <summary>
/// Starts a server again, on new ports, when it lost one of the ports <see cref="FreePort"/> gave it to someone else
/// between the check and its own bind: test processes walking the port range side by side meet now and then (CI saw an
/// Azurite exit with EADDRINUSE on its queue port, failing every test of the assembly that shared it).
/// </summary>
public static class PortClash
{
    private const int Attempts = 3;

    /// <param name="start">Starts the server on ports it takes from <see cref="FreePort"/> itself, and stops it if it fails.</param>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (Exception exception) when (attempt < Attempts && LostAPort(exception))
            {
                // A new attempt draws new ports.
            }
        }
    }

    /// <summary>Node's and Erlang's EADDRINUSE, Go's and .NET's "address already in use", in the message or the output it quotes.</summary>
    private static bool LostAPort(Exception exception) =>
        exception.ToString() is var text
        && (text.Contains("EADDRINUSE", StringComparison.OrdinalIgnoreCase) || text.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
}
