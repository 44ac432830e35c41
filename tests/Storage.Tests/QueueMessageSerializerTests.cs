namespace Orbit.Storage.Tests;

public sealed class QueueMessageSerializerTests
{
    private sealed record Sample(string Id, int Count, string? Note = null);

    private enum Reason
    {
        QuotaExceeded,
        TenantDeleted,
    }

    private sealed record Deletion(string Digest, Reason Reason);

    [Fact]
    public void A_record_survives_the_round_trip()
    {
        var body = QueueMessageSerializer.Serialize(new Sample("a", 3, "n"));

        Assert.True(QueueMessageSerializer.TryDeserialize<Sample>(body, out var message, out _));
        Assert.Equal(new Sample("a", 3, "n"), message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"count\": 3}")]
    [InlineData("{\"id\": null, \"count\": 3}")]
    [InlineData("{\"id\": \"a\", \"count\": \"three\"}")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public void A_message_of_the_wrong_shape_is_refused_with_a_reason(string json)
    {
        Assert.False(QueueMessageSerializer.TryDeserialize<Sample>(BinaryData.FromString(json), out _, out var reason));
        Assert.Contains(nameof(Sample), reason);
    }

    [Fact]
    public void Optional_members_may_be_left_out()
    {
        Assert.True(QueueMessageSerializer.TryDeserialize<Sample>(BinaryData.FromString("{\"id\":\"a\",\"count\":1}"), out var message, out _));
        Assert.Null(message.Note);
    }

    [Fact]
    public void Members_are_camelCase_and_enums_travel_as_camelCase_text_never_as_numbers()
    {
        var body = QueueMessageSerializer.Serialize(new Deletion("sha256:abc", Reason.TenantDeleted));

        Assert.Equal("{\"digest\":\"sha256:abc\",\"reason\":\"tenantDeleted\"}", body.ToString());
        Assert.False(QueueMessageSerializer.TryDeserialize<Deletion>(BinaryData.FromString("{\"digest\":\"d\",\"reason\":1}"), out _, out var reason));
        Assert.Contains(nameof(Deletion), reason);
    }
}
