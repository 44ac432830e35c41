namespace Orbit.Functions.Builds;

/// <summary>Where a report on a build points the caller: the build's status, the path it reported to without its last segment.</summary>
public static class BuildStatusLocation
{
    public static string Of(HttpRequest request)
    {
        var path = request.PathBase + request.Path;
        return path.Value![..path.Value!.LastIndexOf('/')];
    }
}
