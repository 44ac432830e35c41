using System.Text.RegularExpressions;

namespace Orbit.Registry.Client;

/// <summary>The <c>Link: &lt;…&gt;; rel="next"</c> header of the paged tag and catalog listings.</summary>
internal static partial class NextPageLink
{
    public static Uri? From(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var match = NextLink().Match(value);
            if (match.Success)
            {
                var target = match.Groups["target"].Value;
                return Uri.TryCreate(target, UriKind.RelativeOrAbsolute, out var uri) ? uri : null;
            }
        }

        return null;
    }

    [GeneratedRegex("<(?<target>[^>]+)>\\s*;\\s*rel=\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextLink();
}
