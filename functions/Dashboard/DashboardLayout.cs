namespace Orbit.Functions.Dashboard;

/// <summary>
/// The page around every dashboard view: a skip link, the navigation, sign-out, and one style sheet. No script: every
/// view works as plain HTML. Sizes are in rem and the tables scroll inside their own box, so the pages read at 200 % zoom.
/// </summary>
public static class DashboardLayout
{
    public const string Home = "/api/dashboard";

    /// <summary>The banner's look, as CSS custom properties a portal may override (the fragment uses the same names).</summary>
    public const string BannerStyle = """
        .orbit-quota-banner { border: 0.15rem solid var(--orbit-banner-border, #a15c00); background: var(--orbit-banner-background, #fff4e0); color: var(--orbit-banner-color, #3d2600); border-radius: var(--orbit-banner-radius, 0.4rem); padding: var(--orbit-banner-padding, 0.75rem 1rem); margin: var(--orbit-banner-margin, 0 0 1rem 0); font: var(--orbit-banner-font, inherit); }
        .orbit-quota-banner[data-level="destructive"] { border-color: var(--orbit-banner-destructive-border, #b3261e); background: var(--orbit-banner-destructive-background, #fde7e6); color: var(--orbit-banner-destructive-color, #5c0f0b); }
        .orbit-quota-banner-title { font-weight: bold; margin: 0 0 0.25rem 0; font-size: 1.05em; }
        .orbit-quota-banner-description { margin: 0; }
        """;

    private const string Style = """
        :root { --ink: #1b1b1f; --muted: #4a4a55; --line: #c8c8d0; --accent: #0b57d0; --ok: #1e6b34; --warn: #a15c00; --critical: #b3261e; --tracked: #0b57d0; --other: #6f6f7a; --free: #e4e4ea; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, summary:focus { outline: 0.2rem solid var(--accent); outline-offset: 0.15rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        .skip { position: absolute; left: -100rem; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; }
        header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; padding: 0.75rem 1rem; border-bottom: 0.1rem solid var(--line); }
        header nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
        header nav a[aria-current="page"] { font-weight: bold; text-decoration: none; }
        header form { margin-left: auto; }
        main { padding: 1rem; max-width: 90rem; }
        h1 { font-size: 1.5rem; margin: 0 0 1rem 0; } h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem 0; }
        .table { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; min-width: 100%; }
        th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 0.05rem solid var(--line); vertical-align: top; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        code { font-size: 0.9em; overflow-wrap: anywhere; }
        meter { width: 8rem; height: 1rem; }
        .level { font-weight: bold; } .level-ok { color: var(--ok); } .level-warning { color: var(--warn); } .level-critical { color: var(--critical); }
        .bar { display: flex; width: 100%; min-width: 12rem; height: 1.1rem; border: 0.05rem solid var(--muted); }
        .bar span { display: block; height: 100%; } .bar .tracked { background: var(--tracked); } .bar .other { background: var(--other); } .bar .free { background: var(--free); }
        .legend { font-size: 0.9em; color: var(--muted); }
        .pager { display: flex; gap: 1rem; margin: 1rem 0; }
        button, input { font: inherit; padding: 0.35rem 0.75rem; }
        details { margin: 0.5rem 0 1rem 0; } summary { cursor: pointer; }
        .note { color: var(--muted); }
        """;

    private static readonly (string Path, string Name)[] Sections =
    [
        (Home, "Workspaces"),
        (Home + "/builds", "Builds"),
        (Home + "/tenants", "Tenants"),
        (Home + "/hosts", "Docker hosts"),
    ];

    /// <summary>A whole page: <paramref name="current"/> is the navigation entry it belongs to.</summary>
    public static Html Page(string title, string current, Html content)
    {
        var navigation = Html.Join(Sections.Select(section => section.Path == current
            ? Html.Of($"""<li><a href="{section.Path}" aria-current="page">{section.Name}</a></li>""")
            : Html.Of($"""<li><a href="{section.Path}">{section.Name}</a></li>""")));
        return Html.Of($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Orbit dashboard</title>
            <style>{Html.Constant(Style)}{Html.Constant(BannerStyle)}</style>
            </head>
            <body>
            <a class="skip" href="#content">Skip to content</a>
            <header>
            <strong>Orbit registry</strong>
            <nav aria-label="Dashboard"><ul>{navigation}</ul></nav>
            <form method="post" action="{Home}/sign-out"><button type="submit">Sign out</button></form>
            </header>
            <main id="content">
            <h1>{title}</h1>
            {content}
            </main>
            </body>
            </html>
            """);
    }

    /// <summary>The seed's banner: a titled alert, its level in words as well as in colour.</summary>
    public static Html Banner(QuotaBanner banner, Html? context = null) => Html.Of($"""
        <div class="orbit-quota-banner" role="{(banner.Level == QuotaBannerLevel.Destructive ? "alert" : "status")}" data-level="{(banner.Level == QuotaBannerLevel.Destructive ? "destructive" : "warning")}">
        <p class="orbit-quota-banner-title">{banner.Title}</p>
        <p class="orbit-quota-banner-description">{banner.Description}{context ?? Html.Empty}</p>
        </div>
        """);

    /// <summary>A table in a box of its own that scrolls sideways, so a wide table never widens the page.</summary>
    public static Html Table(string caption, Html head, IEnumerable<Html> rows, string empty)
    {
        var body = rows.ToList();
        return body.Count == 0
            ? Html.Of($"""<p class="note">{empty}</p>""")
            : Html.Of($"""<div class="table" role="region" aria-label="{caption}" tabindex="0"><table><caption class="skip">{caption}</caption><thead><tr>{head}</tr></thead><tbody>{Html.Join(body)}</tbody></table></div>""");
    }

    /// <summary>A level as text with its colour: the word carries the meaning.</summary>
    public static Html Level(string level) => Html.Of($"""<span class="level level-{level.ToLowerInvariant()}">{level}</span>""");

    public static Html Time(DateTimeOffset at) =>
        Html.Of($"""<time datetime="{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}">{at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</time>""");
}
