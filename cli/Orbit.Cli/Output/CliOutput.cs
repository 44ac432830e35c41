using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Orbit.Cli.Output;

/// <summary>
/// Where and how the tool speaks. On a terminal (and not <c>CI=true</c>): live progress lines, bars and tables drawn by
/// Spectre.Console. Otherwise: plain lines, each stamped with the UTC time, for a pipeline's log. With <c>--json</c> the
/// data goes to standard output as one JSON document and the human lines go to standard error, so the output parses.
/// </summary>
public sealed class CliOutput
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly TextWriter lines;
    private readonly TextWriter data;
    private readonly TextWriter errors;
    private readonly IAnsiConsole? terminal;
    private readonly TimeProvider time;

    private CliOutput(bool json, IAnsiConsole? terminal, TextWriter standardOutput, TextWriter standardError, TimeProvider time)
    {
        Json = json;
        this.terminal = terminal;
        data = standardOutput;
        lines = json ? standardError : standardOutput;
        errors = standardError;
        this.time = time;
    }

    public bool Json { get; }

    /// <summary>Whether output is drawn live on a terminal.</summary>
    public bool Live => terminal is not null;

    public static CliOutput For(bool json, bool interactiveTerminal, TimeProvider time) =>
        new(json, interactiveTerminal && !json ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }) : null, Console.Out, Console.Error, time);

    /// <summary>A terminal is one when standard output is not redirected, <c>CI</c> is not <c>true</c> and <c>TERM</c> is not <c>dumb</c>.</summary>
    public static bool IsInteractive(Func<string, string?> environment) =>
        !Console.IsOutputRedirected
        && !string.Equals(environment("CI"), "true", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);

    public void Line(string text)
    {
        if (terminal is not null)
        {
            terminal.MarkupLine(Markup.Escape(text));
        }
        else
        {
            lines.WriteLine($"{Stamp()} {text}");
        }
    }

    /// <summary>A line that stands out on a terminal (a heading, a result); a plain line elsewhere.</summary>
    public void Emphasis(string text, string style = "bold")
    {
        if (terminal is not null)
        {
            terminal.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
        }
        else
        {
            Line(text);
        }
    }

    public void Error(string text)
    {
        if (terminal is not null)
        {
            errors.WriteLine($"orbit: {text}");
        }
        else
        {
            errors.WriteLine($"{Stamp()} orbit: {text}");
        }
    }

    /// <summary>A bare value on standard output, without a time stamp: what a script captures (a build id).</summary>
    public void Bare(string text) => data.WriteLine(text);

    public void Data<T>(T value) => data.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Data(JsonElement value) => data.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>
    /// Long work with a live status line on a terminal (spinner, the latest phase); elsewhere each new status is a line.
    /// The work reports its status through the callback it is given.
    /// </summary>
    public async Task<T> ProgressAsync<T>(string initial, Func<Action<string>, Task<T>> work)
    {
        if (terminal is null)
        {
            string? last = null;
            void Report(string status)
            {
                if (status != last)
                {
                    last = status;
                    Line(status);
                }
            }

            Report(initial);
            return await work(Report);
        }

        return await terminal.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(initial), context =>
            work(status => context.Status(Markup.Escape(status))));
    }

    /// <summary>A table on a terminal; elsewhere a header line and one line per row, columns separated by two spaces.</summary>
    public void Table(string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        if (terminal is not null)
        {
            var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded);
            foreach (var column in columns)
            {
                table.AddColumn(Markup.Escape(column));
            }

            foreach (var row in list)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            terminal.Write(table);
            return;
        }

        Line($"{title}:");
        Line("  " + string.Join("  ", columns));
        foreach (var row in list)
        {
            Line("  " + string.Join("  ", row));
        }
    }

    /// <summary>A usage bar (filled to <paramref name="percent"/>) on a terminal; elsewhere the same as text.</summary>
    public void Bar(string label, double percent, string colour)
    {
        if (terminal is not null)
        {
            var chart = new BreakdownChart().Width(50).FullSize()
                .AddItem("used", Math.Round(Math.Clamp(percent, 0, 100), 1), Color.FromConsoleColor(colour switch
                {
                    "red" => ConsoleColor.Red,
                    "yellow" => ConsoleColor.Yellow,
                    _ => ConsoleColor.Green,
                }))
                .AddItem("free", Math.Round(100 - Math.Clamp(percent, 0, 100), 1), Color.Grey);
            terminal.MarkupLine(Markup.Escape(label));
            terminal.Write(chart);
            return;
        }

        Line(label);
    }

    private string Stamp() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
