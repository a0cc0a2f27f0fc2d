using Junction.Resilience;

namespace Junction.Tests.Resilience;

public class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_MillisecondsWinOverSeconds() => Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfterParser.Parse("1500", "20", Now));

    [Fact]
    public void Parse_Seconds() => Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterParser.Parse(null, "3", Now));

    [Fact]
    public void Parse_HttpDate() => Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterParser.Parse(null, "Wed, 25 Nov 2026 12:00:30 GMT", Now));

    [Fact]
    public void Parse_Garbage_IsNull() => Assert.Null(RetryAfterParser.Parse("soon", "later", Now));

    [Theory]
    [InlineData(0.2, "1")]
    [InlineData(1.0, "1")]
    [InlineData(1.01, "2")]
    public void ToHeaderSeconds_RoundsUpToAtLeastOne(double seconds, string expected) =>
        Assert.Equal(expected, RetryAfterParser.ToHeaderSeconds(TimeSpan.FromSeconds(seconds)));
}
