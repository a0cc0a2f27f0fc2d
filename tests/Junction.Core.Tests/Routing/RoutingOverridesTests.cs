using Junction.Resilience;
using Junction.Routing;
using static Junction.Tests.Routing.RoutingTestKit;

namespace Junction.Tests.Routing;

public class RoutingOverridesTests
{
    [Fact]
    public void Parse_ValidHeader_AppliesToPolicy()
    {
        var overrides = RoutingOverrides.Parse("""{"fallbacks":["b","c"],"retries":0,"timeout_s":5,"attempt_timeout_s":2,"first_token_timeout_s":1,"strategy":"latency"}""");
        var policy = overrides.ApplyTo(Policy());
        Assert.Equal(0, policy.Retries);
        Assert.Equal(TimeSpan.FromSeconds(5), policy.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), policy.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.FirstTokenTimeout);
        Assert.Equal(["b", "c"], policy.Fallbacks.ToArray());
        Assert.Equal("latency", policy.Strategy.Name);
    }

    [Theory]
    [InlineData("""{"retires":1}""", "unknown key")]
    [InlineData("""{"retries":"1"}""", "'retries'")]
    [InlineData("""{"retries":11}""", "'retries'")]
    [InlineData("""{"timeout_s":0}""", "'timeout_s'")]
    [InlineData("""{"fallbacks":"b"}""", "'fallbacks'")]
    [InlineData("""{"strategy":"fastest"}""", "'strategy'")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{not json""", "not valid JSON")]
    public void Parse_Invalid_Is400NamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<JunctionException>(() => RoutingOverrides.Parse(json));
        Assert.Equal(400, ex.Error.Status);
        Assert.Equal(RoutingOverrides.HeaderName, ex.Error.Param);
        Assert.Contains(expected, ex.Error.Message, StringComparison.Ordinal);
    }
}
