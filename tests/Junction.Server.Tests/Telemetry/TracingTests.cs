using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Junction.Server.Tests.Infrastructure;
using Junction.Telemetry;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tags = Junction.Telemetry.JunctionTelemetry.Tags;

namespace Junction.Server.Tests.Telemetry;

/// <summary>
/// With <c>telemetry.otlp_endpoint</c> set: the caller's <c>traceparent</c> is continued through the server span, the
/// request span and each attempt span to the upstream, and the spans reach an OTLP collector with GenAI attributes
/// and without prompt text or keys.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracingTests : IAsyncLifetime
{
    private const string MasterKey = "sk-master-tracing-secret-0123456789";
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpanId = "00f067aa0ba902b7";
    private readonly string _promptMarker = "PROMPT-" + Guid.NewGuid().ToString("N");
    private FakeOpenAIUpstream _upstream = null!;
    private OtlpCollectorStub _collector = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _upstream = await FakeOpenAIUpstream.StartAsync(cancellationToken: Ct);
        _collector = await OtlpCollectorStub.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _collector.DisposeAsync();
    }

    private Task<JunctionTestServer> StartAsync() => JunctionTestServer.StartAsync($$"""
        auth: { master_key: {{MasterKey}} }
        models:
          - name: gpt
            deployments:
              - { provider: openai, id: first, model: gpt-4o, base_url: "{{_upstream.BaseUrl}}", priority: 0 }
              - { provider: openai, id: second, model: gpt-4o-mini, base_url: "{{_upstream.BaseUrl}}", priority: 1 }
            routing: { strategy: priority, retries: 1 }
        telemetry: { otlp_endpoint: "{{_collector.BaseUrl}}", service_name: junction-test }
        """);

    private async Task ChatWithRetryAsync(JunctionTestServer server)
    {
        _upstream.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));
        using var response = await server.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"gpt","messages":[{"role":"user","content":"{{_promptMarker}}"}]}""", MasterKey,
            new Dictionary<string, string> { ["traceparent"] = $"00-{TraceId}-{CallerSpanId}-01" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task IncomingTraceparent_IsContinued_ServerSpanRequestSpanAttemptSpansAndUpstream()
    {
        var spans = new ConcurrentQueue<Activity>();
        var serverSpansEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == JunctionTelemetry.SourceName || s.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                spans.Enqueue(a);
                if (spans.Count(s => s.Kind == ActivityKind.Server && s.TraceId.ToHexString() == TraceId) == 3)
                {
                    serverSpansEnded.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await StartAsync();

        await ChatWithRetryAsync(server);

        // Server spans end after the response has been sent: Junction's, and the fake upstream's two (it runs in this process).
        await serverSpansEnded.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var ours = spans.Where(s => s.TraceId.ToHexString() == TraceId).ToList();
        var serverSpan = Assert.Single(ours, s => s.Kind == ActivityKind.Server && s.ParentSpanId.ToHexString() == CallerSpanId);
        Assert.Equal("/v1/chat/completions", serverSpan.GetTagItem("url.path"));
        var request = Assert.Single(ours, s => s.Source.Name == JunctionTelemetry.SourceName && s.Kind == ActivityKind.Internal);
        Assert.Equal(serverSpan.SpanId, request.ParentSpanId);
        var attempts = ours.Where(s => s.Source.Name == JunctionTelemetry.SourceName && s.Kind == ActivityKind.Client).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(request.SpanId, a.ParentSpanId));
        Assert.Equal(attempts.Select(a => a.Id), _upstream.Requests.Select(r => r.Header("traceparent")));

        // The upstream's server spans hang off the attempt spans.
        var upstreamSpans = ours.Where(s => s.Kind == ActivityKind.Server && s != serverSpan).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(attempts.Select(a => a.SpanId), upstreamSpans.Select(s => s.ParentSpanId));

        Assert.Equal("chat", request.GetTagItem(Tags.OperationName));
        Assert.Equal("gpt", request.GetTagItem(Tags.RequestModel));
        Assert.NotNull(request.GetTagItem(Tags.ResponseModel));
        Assert.Equal("openai", request.GetTagItem(Tags.SystemName));
        Assert.IsType<int>(request.GetTagItem(Tags.InputTokens));
        Assert.IsType<int>(request.GetTagItem(Tags.OutputTokens));
        Assert.Equal(["first", "second"], attempts.Select(a => a.GetTagItem(Tags.Deployment)));
        Assert.Equal(["gpt-4o", "gpt-4o-mini"], attempts.Select(a => a.GetTagItem(Tags.RequestModel)));
        Assert.All(attempts, a => Assert.Equal("openai", a.GetTagItem(Tags.SystemName)));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);

        var tagText = string.Join("\n", ours.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain(_promptMarker, tagText, StringComparison.Ordinal);
        Assert.DoesNotContain(MasterKey, tagText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtlpExport_ReachesTheCollector_WithGenAiAttributes_AndNoPromptOrKey()
    {
        await using var server = await StartAsync();
        await ChatWithRetryAsync(server);

        Assert.True(server.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        // The Prometheus reader is pull-only and reports false here; the OTLP reader still pushes.
        server.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        var traces = _collector.BodiesOf("/v1/traces");
        var text = Encoding.UTF8.GetString(traces);
        foreach (var expected in (string[])["junction-test", "Junction", "chat gpt", "chat gpt-4o", Tags.OperationName, Tags.SystemName,
                     Tags.ProviderName, Tags.RequestModel, Tags.ResponseModel, Tags.InputTokens, Tags.OutputTokens, Tags.Deployment, Tags.Attempt])
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // Trace ids travel as 16 raw bytes: the caller's is there.
        Assert.True(traces.AsSpan().IndexOf(Convert.FromHexString(TraceId)) >= 0, "the caller's trace id is not in the export");
        Assert.DoesNotContain(_promptMarker, text, StringComparison.Ordinal);
        Assert.DoesNotContain(MasterKey, text, StringComparison.Ordinal);

        var metrics = Encoding.UTF8.GetString(_collector.BodiesOf("/v1/metrics"));
        Assert.Contains("junction.requests", metrics, StringComparison.Ordinal);
        Assert.Contains("gen_ai.client.operation.duration", metrics, StringComparison.Ordinal);
    }
}
