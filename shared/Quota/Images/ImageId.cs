using System.Diagnostics.CodeAnalysis;
using System.Text;
using Orbit.Quota.Workspaces;
using Orbit.Registry.References;

namespace Orbit.Quota.Images;

/// <summary>The API's opaque id of an image record: workspace, repository and tag, base64url-encoded so it is one safe path segment.</summary>
public sealed record ImageId(WorkspaceId WorkspaceId, RepositoryName Repository, Tag Tag)
{
    public string Encoded => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WorkspaceId}|{Repository}|{Tag}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? text, [NotNullWhen(true)] out ImageId? id)
    {
        id = null;
        if (text is null or { Length: 0 or > 600 })
        {
            return false;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split('|');
        if (parts.Length == 3 && WorkspaceId.TryParse(parts[0], out var workspace) && RepositoryName.TryParse(parts[1], out var repository) && Tag.TryParse(parts[2], out var tag))
        {
            id = new ImageId(workspace, repository, tag);
        }

        return id is not null;
    }
}
