namespace Junction.Tests.Configuration;

public class WrongTypeTests
{
    [Theory]
    [InlineData("server: { port: abc }", "server.port (line 1): must be an integer")]
    [InlineData("server: { port: 1.5 }", "server.port (line 1): must be an integer")]
    [InlineData("server: { port: [1] }", "server.port (line 1): must be an integer, not a list")]
    [InlineData("server: { host: { a: b } }", "server.host (line 1): must be a string, not a mapping")]
    [InlineData("server: [1, 2]", "server (line 1): must be a mapping, not a list")]
    [InlineData("auth: yes-please", "auth (line 1): must be a mapping, not a single value")]
    [InlineData("router: { default_timeout_s: soon }", "router.default_timeout_s (line 1): must be a number")]
    [InlineData("router: { default_timeout_s: .inf }", "router.default_timeout_s (line 1): must be a number")]
    [InlineData("router: { default_retries: '' }", null)]
    public void LoadText_WrongScalarType_ErrorWithPathAndLine(string yaml, string? expected)
    {
        var errors = ConfigTestLoader.Errors(yaml + "\n" + ConfigTestLoader.MockModel);

        Assert.Equal(expected is null ? [] : [expected], errors);
    }

    [Fact]
    public void LoadText_ModelsNotAList_Error()
    {
        var errors = ConfigTestLoader.Errors("models: { name: gpt }");

        Assert.Equal(["models (line 1): must be a list, not a mapping"], errors);
    }

    [Fact]
    public void LoadText_WrongTypesInsideModels_AllReported()
    {
        var errors = ConfigTestLoader.Errors("""
            models:
              - just-a-name
              - name: [gpt]
                deployments:
                  - provider: mock
                    weight: heavy
                    latency_ms: soon
                  - mock
                routing: { retries: 1.5, timeout_s: never }
              - name: headers
                deployments:
                  - provider: openai
                    model: gpt-4o
                    headers: [X-A]
            """);

        Assert.Equal(
            [
                "models[0] (line 2): must be a mapping, not a single value",
                "models[1].name (line 3): must be a string, not a list",
                "models[1].deployments[0].weight (line 6): must be a number",
                "models[1].deployments[0].latency_ms (line 7): must be an integer",
                "models[1].deployments[1] (line 8): must be a mapping, not a single value",
                "models[1].routing.timeout_s (line 9): must be a number",
                "models[1].routing.retries (line 9): must be an integer",
                "models[2].deployments[0].headers (line 14): must be a mapping, not a list",
            ],
            errors);
    }

    [Fact]
    public void LoadText_HeaderWithNullValue_Error()
    {
        var errors = ConfigTestLoader.Errors("""
            models:
              - name: gpt
                deployments:
                  - provider: openai
                    model: gpt-4o
                    headers:
                      X-Empty:
                      X-List: [a]
            """);

        Assert.Equal(
            [
                "models[0].deployments[0].headers.X-Empty (line 7): must be a string, not null",
                "models[0].deployments[0].headers.X-List (line 8): must be a string, not a list",
            ],
            errors);
    }

    [Fact]
    public void LoadText_NullValues_ReadAsUnset()
    {
        var options = ConfigTestLoader.LoadValid("server:\n  host: ~\n  port: null\nauth:\nrouter:\n" + ConfigTestLoader.MockModel);

        Assert.Equal("127.0.0.1", options.Server.Host);
        Assert.Equal(4000, options.Server.Port);
    }
}
