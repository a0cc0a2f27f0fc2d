using Junction.Telemetry;

namespace Junction.Tests.Telemetry;

public class TraceParentTests
{
    [Fact]
    public void ForUpstream_ContinuesTheIncomingTraceWithANewSpan()
    {
        const string incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var upstream = TraceParent.ForUpstream(incoming);
        Assert.StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-", upstream, StringComparison.Ordinal);
        Assert.DoesNotContain("00f067aa0ba902b7", upstream, StringComparison.Ordinal);
        Assert.EndsWith("-01", upstream, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")]
    public void ForUpstream_InvalidIncoming_StartsANewValidTrace(string? incoming)
    {
        var upstream = TraceParent.ForUpstream(incoming);
        Assert.True(TraceParent.TryParse(upstream, out var traceId, out _));
        Assert.NotEqual("4bf92f3577b34da6a3ce929d0e0e4736", traceId);
    }
}
