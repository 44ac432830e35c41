using System.Text.Json.Nodes;
using Orbit.Infra.Tests.Arm;

namespace Orbit.Infra.Tests;

public sealed class ArmExpressionParserTests
{
    [Fact]
    public void CallsPropertiesAndIndexesNestAsWritten()
    {
        var expression = ArmExpressionParser.Parse("reference(resourceId('Microsoft.Storage/storageAccounts', parameters('name')), '2025-06-01').primaryEndpoints.blob");

        var blob = Assert.IsType<ArmProperty>(expression);
        Assert.Equal("blob", blob.Name);
        var endpoints = Assert.IsType<ArmProperty>(blob.Target);
        var reference = Assert.IsType<ArmCall>(endpoints.Target);
        Assert.Equal("reference", reference.Name);
        Assert.Equal("Microsoft.Storage/storageAccounts", Assert.IsType<ArmCall>(reference.Arguments[0]).StringArgument(0));
        Assert.Equal(new ArmString("2025-06-01"), reference.Arguments[1]);
    }

    [Fact]
    public void DoubledQuotesAreOneQuoteInAString()
    {
        var expression = ArmExpressionParser.Parse("format('id ''{0}'' is bad', 7)");

        var format = Assert.IsType<ArmCall>(expression);
        Assert.Equal("id '{0}' is bad", format.StringArgument(0));
        Assert.Equal(new ArmNumber(7), format.Arguments[1]);
        Assert.Equal("format('id ''{0}'' is bad', 7)", format.ToString());
    }

    [Fact]
    public void IndexesTakeExpressions()
    {
        var expression = ArmExpressionParser.Parse("listKeys(parameters('id'), '2025-06-01').keys[0].value");

        var value = Assert.IsType<ArmProperty>(expression);
        var index = Assert.IsType<ArmIndex>(value.Target);
        Assert.Equal(new ArmNumber(0), index.Index);
        Assert.Contains(expression.DescendantsAndSelf(), node => node is ArmCall call && call.Is("listKeys"));
    }

    [Theory]
    [InlineData("concat('a'")]
    [InlineData("'open")]
    [InlineData("concat('a') extra")]
    [InlineData("")]
    public void WhatIsNotAnExpressionIsRefused(string text)
    {
        Assert.Throws<FormatException>(() => ArmExpressionParser.Parse(text));
    }

    [Fact]
    public void TemplateStringsAreExpressionsOnlyInBracketsAndDoubleBracketsAreLiterals()
    {
        Assert.IsType<ArmCall>(ArmExpression.FromJson(JsonValue.Create("[parameters('x')]")));
        Assert.Equal(new ArmString("plain"), ArmExpression.FromJson(JsonValue.Create("plain")));
        Assert.Equal(new ArmString("[not an expression]"), ArmExpression.FromJson(JsonValue.Create("[[not an expression]")));
        Assert.Equal(new ArmCall("true", []).ToString(), ArmExpression.FromJson(JsonValue.Create(true)).ToString());
    }
}
