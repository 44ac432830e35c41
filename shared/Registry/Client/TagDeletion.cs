namespace Orbit.Registry.Client;

public enum TagDeletion
{
    Deleted,
    NotFound,

    /// <summary>The registry does not delete by tag (CNCF Distribution 2.8 answers 400); only a digest delete, which removes every tag on it, is possible.</summary>
    Unsupported,
}
