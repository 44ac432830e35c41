using Azure.Data.Tables;
using Orbit.Quota.Storage;

namespace Orbit.Quota.Tests.Storage;

public sealed class RowWriteTests
{
    [Fact]
    public void A_journaled_row_comes_back_with_the_same_values_and_types()
    {
        var row = new TableEntity("ws-1", "blob|x")
        {
            ["Size"] = 12_345_678_901L,
            ["References"] = 3,
            ["Digest"] = "sha256:abc",
            ["Pending"] = true,
            ["PushedAt"] = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        };

        var journal = UsageJournal.Write("ws-1", [RowWrite.Replace(row), RowWrite.Delete("image|x|y")]);
        var writes = UsageJournal.Read(journal);
        var back = writes[0].ToEntity("ws-1");

        Assert.Equal(12_345_678_901L, back["Size"]);
        Assert.Equal(3, back["References"]);
        Assert.Equal("sha256:abc", back["Digest"]);
        Assert.Equal(true, back["Pending"]);
        Assert.Equal(row["PushedAt"], back["PushedAt"]);
        Assert.True(writes[1].IsDelete);
    }

    [Fact]
    public void A_journal_larger_than_one_property_is_split_and_joined_again()
    {
        var writes = Enumerable.Range(0, 600).Select(i => RowWrite.Replace(new TableEntity("ws-1", $"blob|{i}") { ["Size"] = (long)i, ["References"] = 1 })).ToList();

        var journal = UsageJournal.Write("ws-1", writes);

        Assert.True(journal.GetInt32("Parts") > 1);
        Assert.Equal(600, UsageJournal.Read(journal).Count);
    }
}
