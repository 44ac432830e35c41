namespace Orbit.Storage.Tests;

public sealed class QueueNamesTests
{
    [Fact]
    public void The_poison_queue_of_a_queue_is_named_as_the_queue_trigger_names_it()
    {
        Assert.Equal("tenant-image-deletions-poison", QueueNames.Poison("tenant-image-deletions"));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("tenant-image-deletions", true)]
    [InlineData("a1-b2", true)]
    [InlineData("ab", false)]
    [InlineData("Tenants", false)]
    [InlineData("-tenants", false)]
    [InlineData("tenants-", false)]
    [InlineData("tenant--deletions", false)]
    [InlineData("tenant_deletions", false)]
    public void Queue_names_follow_the_storage_service_rules(string name, bool valid)
    {
        Assert.Equal(valid, QueueNames.IsValid(name));
    }

    [Fact]
    public void A_queue_name_has_at_most_63_characters()
    {
        Assert.True(QueueNames.IsValid(new string('a', 63)));
        Assert.False(QueueNames.IsValid(new string('a', 64)));
    }
}
