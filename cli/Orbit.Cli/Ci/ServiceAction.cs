namespace Orbit.Cli.Ci;

/// <summary>What the pipeline does with one service in a tier.</summary>
public enum ServiceAction
{
    /// <summary>docker build, push, rmi, builder prune.</summary>
    Build,

    /// <summary>Not built: <c>orbit ci repoint</c> points its tag at its last good digest.</summary>
    Repoint,

    /// <summary>The tier aborted: nothing is built or re-pointed.</summary>
    None,
}
