namespace Junction.Tests.Configuration;

public class YamlSyntaxErrorTests
{
    [Theory]
    [InlineData("server:\n  host: \"unterminated\n", 2)]
    [InlineData("server: { port: 1\n", 2)]
    [InlineData("server:\n  host: a\n port: 1\n", 3)]
    [InlineData("server: @bad\n", 1)]
    public void LoadText_SyntaxError_OneErrorWithLine(string yaml, int line)
    {
        var result = ConfigTestLoader.Load(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Options);
        Assert.Equal(line, error.Line);
        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_DuplicateKey_ErrorWithLine()
    {
        var error = Assert.Single(ConfigTestLoader.Load("server:\n  port: 1\n  host: a\n  port: 2\n").Errors);

        Assert.Equal("line 4: duplicate key", error.ToString());
    }

    [Fact]
    public void LoadText_DuplicateModelKey_ErrorWithLine()
    {
        var error = Assert.Single(ConfigTestLoader.Load(ConfigTestLoader.MockModel + "\n    name: again\n").Errors);

        Assert.Equal(5, error.Line);
        Assert.Equal("duplicate key", error.Message);
    }
}
