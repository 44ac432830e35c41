namespace Orbit.Hosts.Agent;

/// <summary>
/// The agent's setting names: keys of the JSON file at <see cref="ConfigPath"/> and, spelled the same, the environment
/// variables that override them. The first five are the seed's.
/// </summary>
public static class HostAgentSettingNames
{
    /// <summary>The environment variable holding the JSON file's path.</summary>
    public const string ConfigPath = "CONFIG_PATH";

    public const string HostId = "SLAVE_HOST_ID";
    public const string CallbackUrl = "MASTER_EVENT_CALLBACK_URL";
    public const string CallbackSecret = "MASTER_EVENT_CALLBACK_SECRET";
    public const string EnforcementOrder = "DOCKER_QUOTA_ENFORCEMENT_ORDER";
    public const string ReservedBytes = "DOCKER_QUOTA_RESERVED_BYTES";

    /// <summary>An object of user name to bytes; per user from the environment as DOCKER_QUOTA_USER_LIMITS__alice, or whole as a JSON object string.</summary>
    public const string UserLimits = "DOCKER_QUOTA_USER_LIMITS";

    public const string AuditLogPath = "DOCKER_QUOTA_AUDIT_LOG_PATH";

    /// <summary>A JSON array in the file, or a comma-separated list.</summary>
    public const string AuditKeys = "DOCKER_QUOTA_AUDIT_KEYS";

    public const string AttributionWindowSeconds = "DOCKER_QUOTA_ATTRIBUTION_WINDOW_SECONDS";
    public const string IntervalSeconds = "DOCKER_QUOTA_SYNC_INTERVAL_SECONDS";
    public const string DryRun = "DOCKER_QUOTA_DRY_RUN";
    public const string WarnPercent = "DOCKER_QUOTA_WARN_PERCENT";
}
