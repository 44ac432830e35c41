namespace Orbit.Functions.Dashboard;

/// <summary>The seed's two alerts: a warning from the warn level, a destructive alert from the critical level.</summary>
public enum QuotaBannerLevel
{
    Warning,
    Destructive,
}
