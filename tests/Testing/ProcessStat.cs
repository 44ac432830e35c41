using System.Globalization;

namespace Orbit.Testing;

/// <summary>A process's or thread's line of Linux's /proc/&lt;path&gt;/stat, for tests and benchmarks that watch processes they did not start.</summary>
public static class ProcessStat
{
    /// <summary>
    /// The fields of /proc/&lt;path&gt;/stat (a pid, <c>self</c>, or <c>pid/task/tid</c>) after the command name (which may
    /// hold spaces), so field 3 of the file is index 0; null once the process or thread has ended.
    /// </summary>
    public static string[]? Fields(string path)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{path}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The process's state letter (Z once it has exited and is not reaped yet); null when it is gone.</summary>
    public static char? State(int processId) => Fields(processId.ToString(CultureInfo.InvariantCulture))?[0][0];
}
