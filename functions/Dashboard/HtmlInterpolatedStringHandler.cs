using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Orbit.Functions.Dashboard;

/// <summary>Builds <see cref="Html"/> from <c>$"..."</c>: literals pass as written, holes are HTML-encoded (invariant culture) unless they are <see cref="Html"/>.</summary>
[InterpolatedStringHandler]
public ref struct HtmlInterpolatedStringHandler
{
    private readonly StringBuilder builder;

    public HtmlInterpolatedStringHandler(int literalLength, int formattedCount) => builder = new StringBuilder(literalLength + (formattedCount * 16));

    public readonly void AppendLiteral(string literal) => builder.Append(literal);

    public readonly void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public readonly void AppendFormatted<T>(T value, string? format)
    {
        switch (value)
        {
            case Html markup:
                builder.Append(markup.Value);
                break;
            case IFormattable formattable:
                builder.Append(HtmlEncoder.Default.Encode(formattable.ToString(format, CultureInfo.InvariantCulture)));
                break;
            case null:
                break;
            default:
                builder.Append(HtmlEncoder.Default.Encode(value.ToString() ?? string.Empty));
                break;
        }
    }

    public readonly string ToStringAndClear()
    {
        var text = builder.ToString();
        builder.Clear();
        return text;
    }
}
