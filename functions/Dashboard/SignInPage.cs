namespace Orbit.Functions.Dashboard;

/// <summary>The sign-in form: one password field for the admin key, posted to the same path.</summary>
public static class SignInPage
{
    public static Html Render(string? refusal)
    {
        var message = refusal is null ? Html.Empty : Html.Of($"""<p role="alert" class="level level-critical">{refusal}</p>""");
        return Html.Of($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Orbit dashboard</title>
            <style>body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 40rem; line-height: 1.45; } input, button { font: inherit; padding: 0.4rem 0.75rem; } input { width: 100%; margin: 0.25rem 0 1rem 0; } input:focus, button:focus { outline: 0.2rem solid #0b57d0; outline-offset: 0.15rem; } .level-critical { color: #b3261e; font-weight: bold; }</style>
            </head>
            <body>
            <main>
            <h1>Orbit dashboard: sign in</h1>
            {{message}}
            <form method="post" action="{{DashboardResponses.SignInPath}}">
            <label for="key">Admin key (the function app's master key)</label>
            <input id="key" name="key" type="password" autocomplete="off" required>
            <button type="submit">Sign in</button>
            </form>
            <p>The key is sent once, in the form's body; the dashboard then keeps a signed session in a cookie for a short while. It only shows: it changes nothing.</p>
            </main>
            </body>
            </html>
            """);
    }
}
