namespace Orbit.ServiceBus;

public enum ListenerState
{
    Starting,
    Running,

    /// <summary>Storage answered with an error or not at all; the listener keeps retrying.</summary>
    Retrying,

    Stopped,
}
