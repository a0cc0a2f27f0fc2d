using Junction.Configuration;
using static Junction.Tests.Configuration.ConfigTestLoader;

namespace Junction.Tests.Configuration;

public class RoutingConfigTests
{
    private const string TwoModels = """
        models:
          - name: gpt-4o
            deployments:
              - { provider: mock, weight: 1, rpm: 500, tpm: 300000 }
              - { provider: mock, weight: 3, priority: 1 }
            routing:
              strategy: weighted
              retries: 2
              timeout_s: 60
              attempt_timeout_s: 20
              first_token_timeout_s: 10
              fallbacks: [claude-sonnet]
              context_window_fallbacks: [claude-sonnet]
              content_policy_fallbacks: [claude-sonnet]
              cooldown: { failures: 3, window_s: 60, duration_s: 30 }
          - name: claude-sonnet
            deployments:
              - provider: mock
            routing: { cooldown: off, strategy: least-busy }
        router: { default_retries: 1, default_timeout_s: 600 }
        """;

    [Fact]
    public void Load_FullRoutingBlock_BindsEveryKey()
    {
        var options = LoadValid(TwoModels);
        var routing = options.Models[0].Routing!;
        Assert.Equal("weighted", routing.Strategy);
        Assert.Equal(2, routing.Retries);
        Assert.Equal(20, routing.AttemptTimeoutS);
        Assert.Equal(10, routing.FirstTokenTimeoutS);
        Assert.Equal(["claude-sonnet"], routing.Fallbacks);
        Assert.Equal(["claude-sonnet"], routing.ContextWindowFallbacks);
        Assert.Equal(["claude-sonnet"], routing.ContentPolicyFallbacks);
        Assert.True(routing.Cooldown!.Enabled);
        Assert.Equal(3, routing.Cooldown.Failures);
        Assert.False(options.Models[1].Routing!.Cooldown!.Enabled);
        Assert.Equal(500, options.Models[0].Deployments[0].Rpm);
        Assert.Equal(1, options.Models[0].Deployments[1].Priority);
    }

    [Theory]
    [InlineData("strategy: fastest", "models[0].routing.strategy", "must be one of")]
    [InlineData("fallbacks: [nope]", "models[0].routing.fallbacks[0]", "not in models")]
    [InlineData("fallbacks: [demo]", "models[0].routing.fallbacks[0]", "itself")]
    [InlineData("cooldown: sometimes", "models[0].routing.cooldown", "'off'")]
    [InlineData("cooldown: { failures: 0 }", "models[0].routing.cooldown.failures", "at least 1")]
    [InlineData("cooldown: { failurs: 2 }", "models[0].routing.cooldown.failurs", "unknown key")]
    [InlineData("attempt_timeout_s: 0", "models[0].routing.attempt_timeout_s", "greater than 0")]
    public void Load_BadRoutingValue_NamesTheKey(string line, string path, string message)
    {
        var errors = Errors(MockModel + "\n    routing:\n      " + line + "\n");
        Assert.Contains(errors, e => e.StartsWith(path, StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RouterDefaults_AndSwitches()
    {
        var options = LoadValid(MockModel + "\nrouter: { default_strategy: latency, allow_request_overrides: false, watch_config: false }\n");
        Assert.Equal(RoutingStrategyNames.Latency, options.Router.DefaultStrategy);
        Assert.False(options.Router.AllowRequestOverrides);
        Assert.False(options.Router.WatchConfig);
    }
}
