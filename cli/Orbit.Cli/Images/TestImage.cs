using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Orbit.Cli.Images;

/// <summary>
/// A small, valid OCI image made here, for machines without Docker: one gzip layer holding a text file (and
/// <c>size</c> random bytes, so it weighs what a test needs; random so compression cannot shrink it), and an image
/// config whose <c>diff_ids</c> name the layer's uncompressed tar, as a runtime expects.
/// </summary>
public sealed record TestImage(byte[] Config, byte[] Layer, byte[] Manifest)
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    public static TestImage Create(string label, long size, DateTimeOffset created)
    {
        if (size is < 0 or > 1L << 30)
        {
            throw CliFailure.BadUsage($"--size must be between 0 and 1 GiB; it is {size} bytes.");
        }

        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            Add(writer, "orbit-test-image.txt", Encoding.UTF8.GetBytes($"An Orbit test image: {label}, made {created:O}.\n"), created);
            if (size > 0)
            {
                Add(writer, "padding.bin", RandomNumberGenerator.GetBytes((int)size), created);
            }
        }

        var uncompressed = tar.ToArray();
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(uncompressed);
        }

        var layer = compressed.ToArray();
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            created = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            architecture = "amd64",
            os = "linux",
            config = new { Labels = new Dictionary<string, string> { ["org.orbit.test-image"] = label } },
            rootfs = new { type = "layers", diff_ids = new[] { Sha256(uncompressed) } },
        });
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = ManifestMediaType,
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = Sha256(config), size = config.Length },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = Sha256(layer), size = layer.Length } },
        });
        return new TestImage(config, layer, manifest);
    }

    private static void Add(TarWriter writer, string name, byte[] content, DateTimeOffset created) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = created, Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead });

    private static string Sha256(byte[] content) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";
}
