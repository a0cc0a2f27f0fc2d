using Junction.Configuration;

namespace Junction.Tests.Configuration;

public class UnknownKeyTests
{
    [Fact]
    public void LoadText_UnknownKeysAtEveryLevel_EachReportedWithLine()
    {
        var errors = ConfigTestLoader.Errors("""
            server:
              host: 127.0.0.1
              colour: blue
            auth:
              master_kee: x
            models:
              - name: gpt
                alias: g
                deployments:
                  - provider: openai
                    model: gpt-4o
                    zone: eu
                routing:
                  timeout_s: 5
                  balancer: simple
            router:
              default_retry: 2
            observability: {}
            """);

        Assert.Equal(
            [
                "server.colour (line 3): unknown key",
                "auth.master_kee (line 5): unknown key; did you mean 'master_key'?",
                "models[0].alias (line 8): unknown key",
                "models[0].deployments[0].zone (line 12): unknown key",
                "models[0].routing.balancer (line 15): unknown key",
                "router.default_retry (line 17): unknown key; did you mean 'default_retries'?",
                "observability (line 18): unknown key",
            ],
            errors);
    }

    [Theory]
    [InlineData("server: { hots: x }", "server.hots (line 1): unknown key; did you mean 'host'?")]
    [InlineData("server: { Port: 1 }", "server.Port (line 1): unknown key; did you mean 'port'?")]
    [InlineData("model: []", "model (line 1): unknown key; did you mean 'models'?")]
    [InlineData("router: { default_timeout: 1 }", "router.default_timeout (line 1): unknown key; did you mean 'default_timeout_s'?")]
    public void LoadText_MisspeltKey_SuggestsClosest(string yaml, string expected)
    {
        var errors = ConfigTestLoader.Errors(yaml + "\n" + ConfigTestLoader.MockModel);

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void LoadText_MisspeltDeploymentKey_SuggestsClosest()
    {
        var errors = ConfigTestLoader.Errors("""
            models:
              - name: gpt
                deployments:
                  - provider: openai
                    model: gpt-4o
                    base-url: https://example.com/v1
            """);

        Assert.Equal(["models[0].deployments[0].base-url (line 6): unknown key; did you mean 'base_url'?"], errors);
    }

    [Theory]
    [InlineData("hots", "host")]
    [InlineData("base-url", "base_url")]
    [InlineData("timeout", "timeout_s")]
    [InlineData("PORT", "port")]
    public void Suggest_CloseKey_ReturnsIt(string unknown, string expected) =>
        Assert.Equal(expected, KeySuggester.Suggest(unknown, ["host", "port", "base_url", "timeout_s"]));

    [Theory]
    [InlineData("colour")]
    [InlineData("xy")]
    public void Suggest_FarKey_ReturnsNull(string unknown) =>
        Assert.Null(KeySuggester.Suggest(unknown, ["host", "port", "base_url"]));
}
