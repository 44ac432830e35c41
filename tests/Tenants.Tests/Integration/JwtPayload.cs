using System.Buffers.Text;
using System.Text.Json;

namespace Orbit.Tenants.Tests.Integration;

/// <summary>Reads a JWT's header and claims without checking them (the registry does the checking in these tests).</summary>
public static class JwtPayload
{
    public static JsonElement Header(string token) => Part(token, 0);

    public static JsonElement Claims(string token) => Part(token, 1);

    /// <summary>The actions granted for one resource, or null when the token does not mention it.</summary>
    public static IReadOnlyList<string>? ActionsFor(string token, string type, string name)
    {
        foreach (var entry in Claims(token).GetProperty("access").EnumerateArray())
        {
            if (entry.GetProperty("type").GetString() == type && entry.GetProperty("name").GetString() == name)
            {
                return entry.GetProperty("actions").EnumerateArray().Select(action => action.GetString()!).ToList();
            }
        }

        return null;
    }

    private static JsonElement Part(string token, int index) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[index])).RootElement.Clone();
}
