namespace Orbit.Functions.Dashboard;

/// <summary>
/// The banner on its own, for a portal's page: its style rules (overridable through the <c>--orbit-banner-*</c> custom
/// properties) and the alert, no document around it.
/// </summary>
public static class RegistryQuotaWarningFragment
{
    public static Html Render(QuotaBanner banner) => Html.Of($"""
        <style>{Html.Constant(DashboardLayout.BannerStyle)}</style>
        {DashboardLayout.Banner(banner)}
        """);
}
