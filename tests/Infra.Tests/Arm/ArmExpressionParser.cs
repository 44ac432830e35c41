using System.Globalization;

namespace Orbit.Infra.Tests.Arm;

/// <summary>
/// Parses the ARM template expression language: function calls, single-quoted strings (<c>''</c> escapes a quote),
/// integers, <c>.property</c> and <c>[index]</c> access. Enough for everything Bicep emits; anything else is an error,
/// so a template the tests cannot read fails them instead of passing unread.
/// </summary>
public sealed class ArmExpressionParser
{
    private readonly string text;
    private int position;

    private ArmExpressionParser(string text) => this.text = text;

    public static ArmExpression Parse(string text)
    {
        var parser = new ArmExpressionParser(text);
        var expression = parser.ParseExpression();
        parser.SkipWhitespace();
        if (parser.position != text.Length)
        {
            throw parser.Error("unexpected text after the expression");
        }

        return expression;
    }

    private ArmExpression ParseExpression()
    {
        var expression = ParsePrimary();
        while (true)
        {
            SkipWhitespace();
            if (TryTake('.'))
            {
                expression = new ArmProperty(expression, ParseIdentifier());
            }
            else if (TryTake('['))
            {
                var index = ParseExpression();
                Expect(']');
                expression = new ArmIndex(expression, index);
            }
            else
            {
                return expression;
            }
        }
    }

    private ArmExpression ParsePrimary()
    {
        SkipWhitespace();
        if (position >= text.Length)
        {
            throw Error("an expression was expected");
        }

        var next = text[position];
        if (next == '\'')
        {
            return ParseString();
        }

        if (char.IsAsciiDigit(next) || next == '-')
        {
            return ParseNumber();
        }

        var name = ParseIdentifier();
        Expect('(');
        var arguments = new List<ArmExpression>();
        SkipWhitespace();
        if (!TryTake(')'))
        {
            do
            {
                arguments.Add(ParseExpression());
                SkipWhitespace();
            }
            while (TryTake(','));
            Expect(')');
        }

        return new ArmCall(name, arguments);
    }

    private ArmString ParseString()
    {
        Expect('\'');
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error("a string is not closed");
            }

            var next = text[position++];
            if (next != '\'')
            {
                value.Append(next);
            }
            else if (position < text.Length && text[position] == '\'')
            {
                value.Append('\'');
                position++;
            }
            else
            {
                return new ArmString(value.ToString());
            }
        }
    }

    private ArmNumber ParseNumber()
    {
        var start = position;
        if (text[position] == '-')
        {
            position++;
        }

        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return new ArmNumber(long.Parse(text.AsSpan(start, position - start), CultureInfo.InvariantCulture));
    }

    private string ParseIdentifier()
    {
        SkipWhitespace();
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '$'))
        {
            position++;
        }

        return position > start ? text[start..position] : throw Error("a name was expected");
    }

    private void Expect(char expected)
    {
        SkipWhitespace();
        if (!TryTake(expected))
        {
            throw Error($"'{expected}' was expected");
        }
    }

    private bool TryTake(char expected)
    {
        if (position < text.Length && text[position] == expected)
        {
            position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private FormatException Error(string problem) => new($"ARM expression, at {position}: {problem}: [{text}]");
}
