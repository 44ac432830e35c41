using System.Globalization;

namespace Orbit.Hosts.Users;

/// <summary>Parses /etc/passwd text (name:password:uid:gid:gecos:home:shell); comments, blank and malformed lines are skipped.</summary>
public static class PasswdFile
{
    public static LocalUsers Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new Dictionary<long, string>();
        Span<Range> parts = stackalloc Range[8];
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var count = line.Split(parts, ':');
            if (count < 3 || line[parts[0]].IsEmpty)
            {
                continue;
            }

            if (!long.TryParse(line[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                continue;
            }

            // Several names can share a uid (toor and root); the first one listed is the one `id -un` prints.
            names.TryAdd(uid, line[parts[0]].ToString());
        }

        return new LocalUsers(names);
    }
}
