namespace Junction.Bench;

/// <summary>The YAML configs the benchmark gives <c>junction serve</c>: auth on, config watching off.</summary>
internal static class GatewayConfig
{
    /// <summary>
    /// One model, one deployment on the fake: the plain forwarding path. <paramref name="spendDb"/> turns storage (and so
    /// the spend log) on with that SQLite file; null turns storage off.
    /// </summary>
    public static string Perf(Uri fake, string? spendDb) => $"""
        server: {"{"} host: 127.0.0.1, port: 0 {"}"}
        auth:
          master_key: {BenchSettings.MasterKey}
        storage:
          provider: {(spendDb is null ? "off" : "sqlite")}
          connection: "{(spendDb is null ? "" : "Data Source=" + spendDb)}"
        spend:
          outbox: "{(spendDb is null ? "" : spendDb + ".outbox")}"
        models:
          - name: gpt-4o-mini
            deployments:
              - provider: openai
                model: gpt-4o-mini
                base_url: {fake}
                api_key: {BenchSettings.UpstreamKey}
        router:
          watch_config: false
        """;

    /// <summary><c>healthy</c> on the healthy fake; <c>flaky</c> and <c>flaky-with-fallback</c> on the failing one, retries 2.</summary>
    public static string Chaos(Uri healthy, Uri flaky) => $"""
        server: {"{"} host: 127.0.0.1, port: 0 {"}"}
        auth:
          master_key: {BenchSettings.MasterKey}
        models:
          - name: healthy
            deployments:
              - {"{"} provider: openai, id: healthy, model: gpt-4o-mini, base_url: "{healthy}", api_key: {BenchSettings.UpstreamKey} {"}"}
          - name: flaky
            deployments:
              - {"{"} provider: openai, id: flaky, model: gpt-4o-mini, base_url: "{flaky}", api_key: {BenchSettings.UpstreamKey} {"}"}
            routing: {"{"} retries: 2 {"}"}
          - name: flaky-with-fallback
            deployments:
              - {"{"} provider: openai, id: flaky-fb, model: gpt-4o-mini, base_url: "{flaky}", api_key: {BenchSettings.UpstreamKey} {"}"}
            routing: {"{"} retries: 2, fallbacks: [healthy] {"}"}
        router:
          watch_config: false
        """;
}
