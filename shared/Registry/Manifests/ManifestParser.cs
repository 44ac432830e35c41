using System.Text.Json;
using Orbit.Registry.References;

namespace Orbit.Registry.Manifests;

/// <summary>
/// Reads the four manifest types. The media type comes from the document's own <c>mediaType</c>, else
/// the response's Content-Type; anything else, or a descriptor with a bad digest or a negative size,
/// is refused rather than counted wrong.
/// </summary>
public static class ManifestParser
{
    public static ManifestDocument Parse(ReadOnlySpan<byte> content, string? contentType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray());
        }
        catch (JsonException exception)
        {
            throw new InvalidManifestException($"The manifest is not JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidManifestException("The manifest is not a JSON object.");
            }

            var mediaType = root.TryGetProperty("mediaType", out var declared) && declared.ValueKind == JsonValueKind.String
                ? declared.GetString()!
                : contentType ?? string.Empty;
            if (!root.TryGetProperty("schemaVersion", out var schema) || schema.ValueKind != JsonValueKind.Number || schema.GetInt32() != 2)
            {
                throw new InvalidManifestException($"Only schemaVersion 2 manifests are supported ({mediaType}).");
            }

            if (ManifestMediaTypes.IsImageManifest(mediaType))
            {
                return new ImageManifest(mediaType, ReadDescriptor(Required(root, "config")), ReadDescriptors(root, "layers"));
            }

            if (ManifestMediaTypes.IsIndex(mediaType))
            {
                return new ImageIndex(mediaType, ReadDescriptors(root, "manifests"));
            }

            throw new InvalidManifestException($"'{mediaType}' is not an image manifest or index media type.");
        }
    }

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidManifestException($"The manifest has no '{name}' object.");

    private static List<Descriptor> ReadDescriptors(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidManifestException($"The manifest has no '{name}' array.");
        }

        return array.EnumerateArray().Select(ReadDescriptor).ToList();
    }

    private static Descriptor ReadDescriptor(JsonElement element)
    {
        var mediaType = element.TryGetProperty("mediaType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : string.Empty;
        var digestText = element.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String ? digest.GetString() : null;
        if (!Digest.TryParse(digestText, out var parsed))
        {
            throw new InvalidManifestException($"A descriptor has an invalid digest '{digestText}'.");
        }

        if (!element.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes < 0)
        {
            throw new InvalidManifestException($"The descriptor {parsed} has no valid size.");
        }

        return new Descriptor(mediaType, parsed, bytes);
    }
}
