using Junction.Configuration;

namespace Junction.Tests.Configuration;

public class ConfigErrorTests
{
    [Theory]
    [InlineData("models[0].deployments[1].weight", 12, "models[0].deployments[1].weight (line 12): must be greater than 0")]
    [InlineData("models[0].deployments[1].weight", null, "models[0].deployments[1].weight: must be greater than 0")]
    [InlineData("", 3, "line 3: must be greater than 0")]
    [InlineData("", null, "must be greater than 0")]
    public void ToString_PathAndLine_Formats(string path, int? line, string expected) =>
        Assert.Equal(expected, new ConfigError(path, line, "must be greater than 0").ToString());

    [Fact]
    public void IsValid_NoErrorsButNoOptions_False() =>
        Assert.False(new ConfigLoadResult(null, []).IsValid);

    [Fact]
    public void IsValid_OptionsAndError_False() =>
        Assert.False(new ConfigLoadResult(new JunctionOptions(), [new ConfigError("models", null, "x")]).IsValid);
}
