using System.Net;
using System.Net.Sockets;

namespace Orbit.Testing;

/// <summary>
/// Loopback ports for the servers tests start as child processes. A port is chosen here, released, and bound by the
/// child a second or so later; in that window nobody else may take it. Ports the OS picks (bind to port 0) come from the
/// ephemeral range, which every outgoing connection of every test process on the machine also draws from: one took an
/// Azurite's queue port in CI (EADDRINUSE). So ports come from below the ephemeral range, which the OS hands to no one,
/// walked from a random start so that test processes running side by side walk apart (two reaching one port within the
/// same second is unlikely), each port checked free before it is handed out (one a child already holds is skipped).
/// Unlikely is not never: a server that loses a port all the same starts again on others (<see cref="PortClash"/>).
/// </summary>
public static class FreePort
{
    private const int Lowest = 10000;

    private static readonly int AboveHighest = EphemeralRangeStart();

    private static int cursor = Random.Shared.Next(AboveHighest - Lowest);

    /// <summary>A loopback port nobody listens on right now, outside the range the OS gives outgoing connections.</summary>
    public static int Next()
    {
        var span = AboveHighest - Lowest;
        for (var tried = 0; tried < span; tried++)
        {
            var port = Lowest + (int)((uint)Interlocked.Increment(ref cursor) % (uint)span);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {AboveHighest - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the OS's ephemeral range (Linux's <c>ip_local_port_range</c>; its default elsewhere).</summary>
    private static int EphemeralRangeStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var first = File.Exists(RangeFile) ? File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0] : null;
        return int.TryParse(first, out var start) && start > Lowest + 1000 ? start : 32768;
    }
}
