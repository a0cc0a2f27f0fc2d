using System.Net;
using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Routing;
using Junction.Server.Tests.Infrastructure;
using Junction.Spend;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Tests.Telemetry;

/// <summary><c>/metrics</c>: Prometheus text whose counters match the traffic sent, with bounded labels.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string Chat = """{"model":"gpt","messages":[{"role":"user","content":"hi"}]}""";
    private FakeOpenAIUpstream _a = null!;
    private FakeOpenAIUpstream _b = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _a = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        _b = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private Task<JunctionTestServer> StartAsync(string more = "") => JunctionTestServer.StartAsync($"""
        models:
          - name: gpt
            deployments:
              - {"{"} provider: openai, id: a, model: gpt-4o, base_url: "{_a.BaseUrl}", priority: 0 {"}"}
              - {"{"} provider: openai, id: b, model: gpt-4o, base_url: "{_b.BaseUrl}", priority: 1 {"}"}
            routing: {"{"} strategy: priority, retries: 1, fallbacks: [backup] {"}"}
          - name: backup
            deployments:
              - {"{"} provider: mock, id: backup-mock {"}"}
        {more}
        """, configure: b => b.Services.AddSingleton<ICostEstimator>(new FlatCost(0.25m)));

    internal static async Task<(PrometheusText Metrics, string Text)> ScrapeAsync(JunctionTestServer server, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        using var response = await server.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return (PrometheusText.Parse(text), text);
    }

    private static async Task<Usage> ChatAsync(JunctionTestServer server, string body = Chat, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await server.PostJsonAsync("/v1/chat/completions", body, cancellationToken: Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, text);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.TryGetProperty("usage", out var usage)
            ? new Usage { PromptTokens = usage.GetProperty("prompt_tokens").GetInt32(), CompletionTokens = usage.GetProperty("completion_tokens").GetInt32() }
            : new Usage();
    }

    [Fact]
    public async Task Metrics_AfterRetriesFallbacksAndErrors_ParseAndMatchTheTraffic()
    {
        await using var server = await StartAsync();
        var usages = new List<Usage>();

        _a.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));
        usages.Add(await ChatAsync(server));                        // a fails, b answers: 1 retry
        _a.Enqueue(FakeBehavior.Error(503, "server_error", null, "overloaded"));
        _b.Enqueue(FakeBehavior.Error(503, "server_error", null, "overloaded"));
        usages.Add(await ChatAsync(server));                        // both fail, backup answers: 2 retries, 1 fallback
        usages.Add(await ChatAsync(server));
        usages.Add(await ChatAsync(server));
        await ChatAsync(server, """{"model":"nope","messages":[{"role":"user","content":"hi"}]}""", HttpStatusCode.NotFound);

        var (metrics, text) = await ScrapeAsync(server);

        Assert.Equal("counter", metrics.Types["junction_requests_total"]);
        Assert.Equal("histogram", metrics.Types["gen_ai_client_operation_duration_seconds"]);
        Assert.Equal("histogram", metrics.Types["gen_ai_client_token_usage"]);
        Assert.Equal(4, metrics.Sum("junction_requests_total", ("model", "gpt"), ("status", "2xx")));
        Assert.Equal(1, metrics.Sum("junction_requests_total", ("model", "unknown"), ("status", "4xx")));
        Assert.Equal(5, metrics.Sum("junction_requests_total"));
        Assert.Equal(1, metrics.Sum("junction_requests_total", ("deployment", "backup-mock")));
        Assert.Equal(1, metrics.Sum("junction_errors_total", ("error_kind", "NotFound")));
        Assert.Equal(1, metrics.Sum("junction_errors_total"));
        Assert.Equal(3, metrics.Sum("junction_retries_total", ("model", "gpt")));
        Assert.Equal(1, metrics.Sum("junction_fallbacks_total", ("model", "gpt")));
        Assert.Equal(usages.Sum(u => u.PromptTokens), metrics.Sum("gen_ai_client_token_usage_sum", ("gen_ai_token_type", "input")));
        Assert.Equal(usages.Sum(u => u.CompletionTokens), metrics.Sum("gen_ai_client_token_usage_sum", ("gen_ai_token_type", "output")));
        Assert.Equal(4, metrics.Sum("gen_ai_client_token_usage_count", ("gen_ai_token_type", "input")));
        Assert.Equal(1.0, metrics.Sum(CostName(metrics)), 6);
        Assert.Equal(5, metrics.Sum("gen_ai_client_operation_duration_seconds_count"));
        Assert.Equal(5, metrics.Sum("gen_ai_client_operation_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(0, metrics.Sum("junction_requests_in_flight"));
        Assert.Equal(["a", "b", "backup-mock"], metrics.Find("junction_deployment_healthy").Select(s => s.Label("deployment")).Order());
        Assert.Equal(3, metrics.Find("junction_deployment_in_flight").Count());
        Assert.All(metrics.Find("junction_requests_total"), s => Assert.Equal("none", s.Label("team")));
        Assert.DoesNotContain("nope", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FloodOfUnknownModelNames_AddsNoSeries()
    {
        await using var server = await StartAsync();
        await ChatAsync(server, """{"model":"first-unknown","messages":[{"role":"user","content":"hi"}]}""", HttpStatusCode.NotFound);
        var (before, _) = await ScrapeAsync(server);

        for (var i = 0; i < 50; i++)
        {
            await ChatAsync(server, $$"""{"model":"m-{{Guid.NewGuid():N}}","messages":[{"role":"user","content":"hi"}]}""", HttpStatusCode.NotFound);
        }

        var (after, text) = await ScrapeAsync(server);
        Assert.Equal(before.Samples.Select(s => s.SeriesKey).Order(), after.Samples.Select(s => s.SeriesKey).Order());
        Assert.Equal(51, after.Sum("junction_requests_total", ("model", "unknown")));
        Assert.DoesNotContain("m-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("first-unknown", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolloutTransition_IsCounted()
    {
        await using var server = await StartAsync("""
              - name: old
                deployments: [ { provider: mock } ]
                rollout: { to: new, steps: [10, 100] }
              - name: new
                deployments: [ { provider: mock } ]
            """);
        using (var pause = await server.PostJsonAsync("/admin/rollouts/old/pause", "{}", cancellationToken: Ct))
        {
            Assert.True(pause.IsSuccessStatusCode, await pause.Content.ReadAsStringAsync(Ct));
        }

        var (metrics, _) = await ScrapeAsync(server);
        Assert.Equal(1, metrics.Sum("junction_rollout_transitions_total", ("model", "old"), ("action", "pause")));
    }

    [Fact]
    public async Task MetricsOff_NoEndpoint()
    {
        await using var server = await StartAsync("telemetry: { metrics: false }");
        using var response = await server.Http.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Stream_RecordsTimeToFirstToken()
    {
        await using var server = await StartAsync();
        using var response = await server.PostJsonAsync("/v1/chat/completions",
            """{"model":"gpt","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"one two"}]}""", cancellationToken: Ct);
        await Sse.ReadDataAsync(response, Ct);

        // The router records a stream when it ends, before [DONE] is written: no waiting needed.
        var (metrics, _) = await ScrapeAsync(server);
        Assert.Equal("histogram", metrics.Types["junction_time_to_first_token_seconds"]);
        Assert.Equal(1, metrics.Sum("junction_time_to_first_token_seconds_count", ("model", "gpt"), ("deployment", "a")));
    }

    internal static string CostName(PrometheusText metrics) =>
        Assert.Single(metrics.Types.Keys, k => k.StartsWith("junction_cost", StringComparison.Ordinal));

    private sealed class FlatCost(decimal cost) : ICostEstimator
    {
        public decimal? EstimateCost(Deployment deployment, Usage usage) => cost;
    }
}
