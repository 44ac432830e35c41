namespace Orbit.Functions.Http;

/// <summary>Thrown by a function for a request it must refuse; the host answers with these problem details and nothing else happens.</summary>
public sealed class ProblemException(int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;

    public static ProblemException BadRequest(string detail) => new(400, "Bad request", detail);

    public static ProblemException NotFound(string detail) => new(404, "Not found", detail);
}
