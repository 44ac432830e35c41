namespace Orbit.FunctionHost.Http;

/// <summary>The authorization levels of an Azure Functions HTTP trigger that this host supports.</summary>
public enum AuthorizationLevel
{
    /// <summary>No key needed.</summary>
    Anonymous,

    /// <summary>Any function key (<c>Keys:Function:&lt;name&gt;</c>) or the master key.</summary>
    Function,

    /// <summary>The master key (<c>Keys:Master</c>) only.</summary>
    Admin,
}
