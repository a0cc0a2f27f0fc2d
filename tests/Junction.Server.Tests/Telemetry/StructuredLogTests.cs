using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Tests.Telemetry;

/// <summary><c>--log-format json</c>: every line logged during a request carries its request id and trace id; no prompt, no key.</summary>
public sealed class StructuredLogTests : IAsyncLifetime
{
    private const string MasterKey = "sk-master-logging-secret-0123456789";
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private FakeOpenAIUpstream _upstream = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _upstream = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => _upstream.DisposeAsync();

    [Fact]
    public async Task JsonLines_DuringARequest_CarryRequestIdAndTraceId_AndNoPromptOrKey()
    {
        await using var server = await JunctionTestServer.StartAsync($$"""
            auth: { master_key: {{MasterKey}} }
            models:
              - name: gpt
                deployments:
                  - { provider: openai, id: first, model: gpt-4o, base_url: "{{_upstream.BaseUrl}}", priority: 0 }
                  - { provider: openai, id: second, model: gpt-4o, base_url: "{{_upstream.BaseUrl}}", priority: 1 }
                routing: { strategy: priority, retries: 1 }
            """, configure: b => JsonLogCapture.AddTo(b.Services), logFormat: "json");
        var capture = server.Services.GetRequiredService<JsonLogCapture>();
        var requestId = "req-logs-" + Guid.NewGuid().ToString("N");
        var prompt = "PROMPT-" + Guid.NewGuid().ToString("N");
        _upstream.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));

        using var response = await server.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"gpt","messages":[{"role":"user","content":"{{prompt}}"}]}""", MasterKey,
            new Dictionary<string, string> { ["x-request-id"] = requestId, ["traceparent"] = $"00-{TraceId}-b7ad6b7169203331-01" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        await capture.WaitForLineAsync(l => l.Contains(requestId + " POST /v1/chat/completions 200", StringComparison.Ordinal), TimeSpan.FromSeconds(10), Ct);
        var lines = capture.Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var during = lines.Where(l => ScopeValue(l, "request_id") == requestId).ToList();
        Assert.Contains(during, l => l.GetProperty("LogLevel").GetString() == "Warning" && Message(l).Contains("failed with 500", StringComparison.Ordinal));
        Assert.Contains(during, l => Message(l).Contains("POST /v1/chat/completions 200", StringComparison.Ordinal));
        Assert.All(during, l => Assert.Equal(TraceId, ScopeValue(l, "trace_id")));
        Assert.All(capture.Lines, l =>
        {
            Assert.DoesNotContain(prompt, l, StringComparison.Ordinal);
            Assert.DoesNotContain(MasterKey, l, StringComparison.Ordinal);
        });
    }

    private static string Message(JsonElement line) => line.GetProperty("Message").GetString() ?? "";

    private static string? ScopeValue(JsonElement line, string key) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(key, out _))
                .Select(s => s.GetProperty(key).GetString()).FirstOrDefault()
            : null;
}
