using Junction.Configuration;

namespace Junction.Extensions.AI.Tests.TestSupport;

/// <summary>YAML configs pointing at fake upstreams, loaded with the real loader.</summary>
public static class Configs
{
    public const string UpstreamKey = "sk-upstream-test-key-0123456789";

    /// <summary>
    /// <c>smart</c> (OpenAI on the fake, no retries), <c>embed</c>, <c>flaky</c> (OpenAI on the fake, falling back to the
    /// mock provider's <c>backup</c>), <c>retrying</c> (two OpenAI deployments on the fake, priority order, 1 retry), <c>demo</c> (mock).
    /// </summary>
    public static string Yaml(Uri fakeBaseUrl) => $$"""
        models:
          - name: smart
            deployments:
              - { provider: openai, model: gpt-4o-mini, base_url: "{{fakeBaseUrl}}", api_key: "{{UpstreamKey}}" }
            routing: { retries: 0, timeout_s: 10 }
          - name: embed
            deployments:
              - { provider: openai, model: text-embedding-3-small, base_url: "{{fakeBaseUrl}}", api_key: "{{UpstreamKey}}" }
          - name: flaky
            deployments:
              - { provider: openai, model: gpt-4o, base_url: "{{fakeBaseUrl}}", api_key: "{{UpstreamKey}}" }
            routing: { retries: 0, fallbacks: [backup], cooldown: off }
          - name: retrying
            deployments:
              - { provider: openai, id: first, model: gpt-4o, base_url: "{{fakeBaseUrl}}", api_key: "{{UpstreamKey}}", priority: 0 }
              - { provider: openai, id: second, model: gpt-4o-mini, base_url: "{{fakeBaseUrl}}", api_key: "{{UpstreamKey}}", priority: 1 }
            routing: { strategy: priority, retries: 1, cooldown: off }
          - name: backup
            deployments:
              - { provider: mock, model: mock-backup }
          - name: demo
            deployments:
              - { provider: mock }
        router: { watch_config: false }
        """;

    public static JunctionOptions Options(string yaml)
    {
        var result = JunctionConfigLoader.LoadText(yaml, "test.yaml", _ => null);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Options!;
    }
}
