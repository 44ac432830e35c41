using Orbit.Quota.Cleanup;

namespace Orbit.Quota.Tests.Cleanup;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(512, "512 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(1048575, "1 MiB")]
    [InlineData(412L << 20, "412 MiB")]
    [InlineData(1288490189, "1.2 GiB")]
    [InlineData(10L << 30, "10 GiB")]
    [InlineData(long.MaxValue, "8 EiB")]
    [InlineData(-1536, "-1.5 KiB")]
    public void Formats_in_binary_units_with_at_most_one_decimal(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }
}
