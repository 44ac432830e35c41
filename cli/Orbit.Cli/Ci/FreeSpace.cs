namespace Orbit.Cli.Ci;

/// <summary>The bytes an unprivileged process may still write on the file system holding a folder (statvfs's f_bavail, as <c>df</c> shows it).</summary>
public static class FreeSpace
{
    public static long Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw CliFailure.BadUsage($"--path {path}: there is no such folder.");
        }

        return new DriveInfo(full).AvailableFreeSpace;
    }
}
