using Junction.Configuration;

namespace Junction.Tests.Configuration;

public class EnvironmentExpansionTests
{
    private static (string Text, List<string> Errors) Expand(string text, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(static e => e.Name, static e => e.Value, StringComparer.Ordinal);
        var errors = new List<string>();
        return (EnvironmentExpander.Expand(text, name => env.GetValueOrDefault(name), errors.Add), errors);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${A}", "alpha")]
    [InlineData("pre-${A}-post", "pre-alpha-post")]
    [InlineData("${A}${B}", "alphabeta")]
    [InlineData("${A}/${B}/${A}", "alpha/beta/alpha")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${MISSING:-}", "")]
    [InlineData("${A:-unused}", "alpha")]
    [InlineData("${EMPTY:-used}", "used")]
    [InlineData("${EMPTY}", "")]
    [InlineData("${MISSING:-a:-b}", "a:-b")]
    [InlineData("${MISSING:-http://x:1/y}", "http://x:1/y")]
    [InlineData("$${A}", "${A}")]
    [InlineData("cost $5 and $$ and $", "cost $5 and $$ and $")]
    [InlineData("${A}$${B}", "alpha${B}")]
    public void Expand_Reference_Substitutes(string text, string expected)
    {
        var (result, errors) = Expand(text, ("A", "alpha"), ("B", "beta"), ("EMPTY", ""));

        Assert.Empty(errors);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Expand_ValueContainingReference_IsNotExpandedAgain()
    {
        var (result, errors) = Expand("${A}", ("A", "${B}"), ("B", "beta"));

        Assert.Empty(errors);
        Assert.Equal("${B}", result);
    }

    [Fact]
    public void Expand_TwoMissingVariables_ReportsBoth()
    {
        var (_, errors) = Expand("${ONE}-${TWO}");

        Assert.Equal(2, errors.Count);
        Assert.Contains("'ONE'", errors[0], StringComparison.Ordinal);
        Assert.Contains("'TWO'", errors[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${}")]
    [InlineData("${1ABC}")]
    [InlineData("${sk-live-123}")]
    [InlineData("${A B}")]
    [InlineData("${unterminated")]
    public void Expand_MalformedReference_ReportsError(string text)
    {
        var (_, errors) = Expand(text);

        Assert.Single(errors);
    }

    [Fact]
    public void LoadText_MissingVariable_NamesVariablePathAndLine()
    {
        var error = Assert.Single(ConfigTestLoader.Load("""
            models:
              - name: gpt
                deployments:
                  - provider: openai
                    model: gpt-4o
                    api_key: ${OPENAI_API_KEY}
            """).Errors);

        Assert.Equal("models[0].deployments[0].api_key", error.Path);
        Assert.Equal(6, error.Line);
        Assert.Contains("environment variable 'OPENAI_API_KEY' is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_DefaultsInTypedValues_Parse()
    {
        var options = ConfigTestLoader.LoadValid(
            "server: { port: '${PORT:-4100}', host: '${HOST:-0.0.0.0}' }\nrouter: { default_timeout_s: '${T:-30.5}' }\n" + ConfigTestLoader.MockModel,
            ("HOST", "localhost"));

        Assert.Equal(4100, options.Server.Port);
        Assert.Equal("localhost", options.Server.Host);
        Assert.Equal(30.5, options.Router.DefaultTimeoutS);
    }

    [Fact]
    public void LoadText_EmptyExpansionOfTypedValue_KeepsDefault()
    {
        var options = ConfigTestLoader.LoadValid("server: { port: '${PORT:-}' }\n" + ConfigTestLoader.MockModel);

        Assert.Equal(4000, options.Server.Port);
    }

    [Fact]
    public void LoadText_EmptyOptionalString_IsUnset()
    {
        var options = ConfigTestLoader.LoadValid("""
            models:
              - name: gpt
                deployments:
                  - provider: openai
                    model: gpt-4o
                    base_url: ${OPENAI_BASE_URL:-}
                    organization: ${OPENAI_ORG:-}
            """);

        Assert.Equal("https://api.openai.com/v1", options.Models[0].Deployments[0].BaseUrl);
        Assert.Null(options.Models[0].Deployments[0].Organization);
    }

    [Fact]
    public void LoadText_MissingVariableInHeader_NamesHeaderPath()
    {
        var error = Assert.Single(ConfigTestLoader.Load("""
            models:
              - name: gpt
                deployments:
                  - provider: openai
                    model: gpt-4o
                    headers:
                      X-Token: Bearer ${TEAM_TOKEN}
            """).Errors);

        Assert.Equal("models[0].deployments[0].headers.X-Token (line 7): environment variable 'TEAM_TOKEN' is not set (use ${TEAM_TOKEN:-default} to give a default)", error.ToString());
    }
}
