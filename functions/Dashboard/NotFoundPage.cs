namespace Orbit.Functions.Dashboard;

/// <summary>A page that says what was wrong with the request, inside the dashboard's layout.</summary>
public static class NotFoundPage
{
    public static Html Render(string title, string detail) =>
        DashboardLayout.Page(title, DashboardLayout.Home, Html.Of($"""<p>{detail}</p><p><a href="{DashboardLayout.Home}">All workspaces</a></p>"""));
}
