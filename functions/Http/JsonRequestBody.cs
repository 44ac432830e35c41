using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Orbit.Storage;

namespace Orbit.Functions.Http;

/// <summary>Reads a request's JSON body into a record, strictly and within a size limit, or refuses it with a problem a person can act on.</summary>
public static class JsonRequestBody
{
    public const int DefaultMaxBytes = 64 * 1024;

    // The queue messages' options (required members, enums by name), and numbers only as JSON numbers: the web defaults
    // they start from would also take "100" for 100, which a caller who sent a string did not mean as a number.
    private static readonly JsonSerializerOptions Options = new(QueueMessageSerializer.Options) { NumberHandling = JsonNumberHandling.Strict };

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
    {
        var body = await ReadBytesAsync(request, cancellationToken, maxBytes);
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, Options)
                ?? throw ProblemException.BadRequest("The body is JSON null; send an object.");
        }
        catch (JsonException exception)
        {
            throw ProblemException.BadRequest($"The body is not a valid {typeof(T).Name.Replace("Request", string.Empty, StringComparison.Ordinal)} request: {exception.Message}");
        }
    }

    /// <summary>The raw bytes of a JSON body (any <c>application/json</c> or <c>+json</c> type), refused past <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
    {
        if (!request.HasJsonContentType())
        {
            throw new ProblemException(415, "Unsupported media type", "Send the body as JSON with Content-Type: application/json.");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static ProblemException TooLarge(int maxBytes) => new(413, "Payload too large", $"The body may be at most {maxBytes} bytes.");
}
