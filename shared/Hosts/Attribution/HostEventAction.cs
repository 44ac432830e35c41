namespace Orbit.Hosts.Attribution;

/// <summary>The Docker event actions attribution reacts to; map anything else to <see cref="Other"/>.</summary>
public enum HostEventAction
{
    Other,
    Create,
    Remove,
    Pull,
    Tag,
    Import,
    Load,
    Untag,
    Delete,
}
