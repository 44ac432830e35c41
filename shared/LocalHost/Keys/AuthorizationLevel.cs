namespace Orbit.LocalHost.Keys;

/// <summary>The authorization levels of an HTTP trigger, named as in a function's <c>authLevel</c>.</summary>
public enum AuthorizationLevel
{
    /// <summary>No key.</summary>
    Anonymous,

    /// <summary>A key of this function, a host key or the master key.</summary>
    Function,

    /// <summary>The master key only.</summary>
    Admin,
}
