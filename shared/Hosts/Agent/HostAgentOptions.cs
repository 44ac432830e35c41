using Orbit.Hosts.Attribution;
using Orbit.Hosts.Enforcement;

namespace Orbit.Hosts.Agent;

/// <summary>The agent's validated settings (see <see cref="HostAgentSettingNames"/> for where each comes from).</summary>
/// <param name="HostId">SLAVE_HOST_ID: names this host to the central service.</param>
/// <param name="CallbackUrl">MASTER_EVENT_CALLBACK_URL: where reports are posted.</param>
/// <param name="CallbackSecret">MASTER_EVENT_CALLBACK_SECRET: the HMAC key reports are signed with.</param>
/// <param name="EnforcementOrder">Default newest_first.</param>
/// <param name="ReservedBytes">The host's capacity for quotas; null to use the sum of limits + unattributed.</param>
/// <param name="UserLimits">Bytes per user name; 0 is stored but not enforced.</param>
/// <param name="AuditLogPath">Default /var/log/audit/audit.log.</param>
/// <param name="AuditKeys">Default docker-socket and docker-client.</param>
/// <param name="AttributionWindow">Default 5 s.</param>
/// <param name="Interval">Between cycles; default 120 s.</param>
/// <param name="DryRun">Plan and report enforcement without removing anything; default false.</param>
/// <param name="WarnPercent">Of a user's limit; default 80.</param>
public sealed record HostAgentOptions(
    string HostId,
    Uri CallbackUrl,
    string CallbackSecret,
    EnforcementOrder EnforcementOrder,
    long? ReservedBytes,
    IReadOnlyDictionary<string, long> UserLimits,
    string AuditLogPath,
    IReadOnlyList<string> AuditKeys,
    TimeSpan AttributionWindow,
    TimeSpan Interval,
    bool DryRun,
    int WarnPercent)
{
    public const string DefaultAuditLogPath = "/var/log/audit/audit.log";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(120);
    public const int DefaultWarnPercent = 80;
    public const int MinimumSecretLength = 16;

    public AttributionOptions Attribution => AttributionOptions.Default with { Window = AttributionWindow };

    /// <summary>The secret is never printed, so the options can be logged as they are.</summary>
    public override string ToString() =>
        $"{nameof(HostAgentOptions)} {{ {nameof(HostId)} = {HostId}, {nameof(CallbackUrl)} = {CallbackUrl}, {nameof(EnforcementOrder)} = {EnforcementOrder.ToName()}, {nameof(ReservedBytes)} = {ReservedBytes}, {nameof(UserLimits)} = {UserLimits.Count} users, {nameof(AuditLogPath)} = {AuditLogPath}, {nameof(AuditKeys)} = [{string.Join(", ", AuditKeys)}], {nameof(AttributionWindow)} = {AttributionWindow}, {nameof(Interval)} = {Interval}, {nameof(DryRun)} = {DryRun}, {nameof(WarnPercent)} = {WarnPercent} }}";
}
