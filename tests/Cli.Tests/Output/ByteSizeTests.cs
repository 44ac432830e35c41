using Orbit.Cli.Output;

namespace Orbit.Cli.Tests.Output;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("512 MiB", 512L * 1024 * 1024)]
    [InlineData("5GB", 5_000_000_000)]
    [InlineData("1.5GiB", 1610612736)]
    [InlineData("1048576", 1048576)]
    [InlineData("64KiB", 65536)]
    [InlineData("0", 0)]
    public void Sizes_parse_as_people_write_them(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1GiB")]
    [InlineData("2 parsecs")]
    [InlineData("0.5B")]
    [InlineData("99999999999TiB")]
    public void Nonsense_is_refused(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(8L * 1024 * 1024 * 1024, "8.0 GiB")]
    [InlineData(1536, "1.5 KiB")]
    public void Sizes_print_in_binary_units(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));
}
