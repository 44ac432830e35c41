using System.Text.Encodings.Web;

namespace Orbit.Functions.Dashboard;

/// <summary>
/// Markup that is safe to send: made only from literals written here and values encoded on the way in
/// (<see cref="HtmlInterpolatedStringHandler"/>), so a repository name, tag or tenant id can never become markup.
/// </summary>
public sealed record Html
{
    private Html(string value) => Value = value;

    public static Html Empty { get; } = new(string.Empty);

    public string Value { get; }

    /// <summary>Markup from an interpolated string: the literal parts as written, every hole encoded unless it is itself <see cref="Html"/>.</summary>
    public static Html Of(HtmlInterpolatedStringHandler markup) => new(markup.ToStringAndClear());

    /// <summary>Markup written as a constant in this code (a style sheet); never for a value from outside.</summary>
    public static Html Constant(string markup) => new(markup);

    /// <summary>Text, encoded.</summary>
    public static Html Text(string? text) => new(HtmlEncoder.Default.Encode(text ?? string.Empty));

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(part => part.Value)));

    public override string ToString() => Value;
}
