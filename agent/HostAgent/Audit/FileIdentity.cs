using System.Runtime.InteropServices;

namespace Orbit.HostAgent.Audit;

/// <summary>
/// A file's inode, which tells a rotated audit log from the one the checkpoint's offset belongs to even when the new
/// file has already grown past that offset. .NET exposes no inode, so this asks statx(2), whose layout is the same
/// on every Linux architecture.
/// </summary>
public static partial class FileIdentity
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int InodeOffset = 32;

    public static ulong? InodeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[256];
        // statx fills the struct in the machine's own byte order.
        return Statx(AtFdCwd, path, 0, StatxIno, ref MemoryMarshal.GetReference(buffer)) == 0
            ? MemoryMarshal.Read<ulong>(buffer[InodeOffset..])
            : null;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, ref byte buffer);
}
