using System.Diagnostics;
using Junction.Extensions.AI.Tests.TestSupport;
using Junction.Server.Tests.Infrastructure;
using Junction.Telemetry;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.AI;
using Tags = Junction.Telemetry.JunctionTelemetry.Tags;

namespace Junction.Extensions.AI.Tests;

/// <summary>Spans from the router (<c>ActivitySource("Junction")</c>): one per request, one per upstream attempt, GenAI names.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private FakeUpstreamFixture _fixture = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _fixture = await FakeUpstreamFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Chat_WithRetry_RequestSpanAndOneSpanPerAttempt()
    {
        using var recorder = new ActivityRecorder();
        _fixture.Fake.Enqueue(FakeBehavior.RateLimited(TimeSpan.FromMilliseconds(10)));

        var response = await _fixture.Chat("retrying").GetResponseAsync("hi", cancellationToken: Ct);

        var spans = recorder.Junction;
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Internal);
        var attempts = spans.Where(s => s.Kind == ActivityKind.Client).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);

        Assert.Equal("chat retrying", request.DisplayName);
        Assert.Equal(recorder.Root.SpanId, request.ParentSpanId);
        Assert.Equal("chat", request.GetTagItem(Tags.OperationName));
        Assert.Equal("retrying", request.GetTagItem(Tags.RequestModel));
        Assert.Equal("gpt-4o-mini", request.GetTagItem(Tags.ResponseModel));
        Assert.Equal("openai", request.GetTagItem(Tags.ProviderName));
        Assert.Equal("openai", request.GetTagItem(Tags.SystemName));
        Assert.Equal("second", request.GetTagItem(Tags.Deployment));
        Assert.Equal(2, request.GetTagItem(Tags.Attempts));
        Assert.Equal((int)response.Usage!.InputTokenCount!, request.GetTagItem(Tags.InputTokens));
        Assert.Equal((int)response.Usage.OutputTokenCount!, request.GetTagItem(Tags.OutputTokens));
        Assert.Equal(response.AdditionalProperties![JunctionPropertyNames.RequestId], request.GetTagItem(Tags.RequestId));
        Assert.Equal(ActivityStatusCode.Unset, request.Status);

        Assert.All(attempts, a => Assert.Equal(request.SpanId, a.ParentSpanId));
        Assert.Equal(["first", "second"], attempts.Select(a => a.GetTagItem(Tags.Deployment)));
        Assert.Equal([1, 2], attempts.Select(a => a.GetTagItem(Tags.Attempt)));
        Assert.Equal(["gpt-4o", "gpt-4o-mini"], attempts.Select(a => a.GetTagItem(Tags.RequestModel)));
        Assert.Equal("chat gpt-4o", attempts[0].DisplayName);
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal("rate_limit_exceeded", attempts[0].GetTagItem(Tags.ErrorType));
        Assert.Equal(429, attempts[0].GetTagItem(Tags.Status));
        Assert.Equal(200, attempts[1].GetTagItem(Tags.Status));

        // The upstream saw each attempt span as its parent.
        var traceparents = _fixture.Fake.Requests.Select(r => r.Header("traceparent")).ToList();
        Assert.Equal(attempts.Select(a => a.Id), traceparents);
    }

    [Fact]
    public async Task Failure_RequestSpanIsAnError()
    {
        using var recorder = new ActivityRecorder();

        await Assert.ThrowsAsync<JunctionRequestException>(() => _fixture.Chat("nope").GetResponseAsync("x", cancellationToken: Ct));

        var request = Assert.Single(recorder.Junction);
        Assert.Equal(ActivityStatusCode.Error, request.Status);
        Assert.Equal("model_not_found", request.GetTagItem(Tags.ErrorType));
        Assert.Equal(404, request.GetTagItem(Tags.Status));
    }

    [Fact]
    public async Task Stream_RequestSpanEndsWithTheStream_WithUsage()
    {
        using var recorder = new ActivityRecorder();
        var endedBeforeFirstText = (bool?)null;
        await foreach (var update in _fixture.Chat().GetStreamingResponseAsync("a b c", cancellationToken: Ct))
        {
            endedBeforeFirstText ??= update.Text.Length > 0 ? recorder.Junction.Any(s => s.Kind == ActivityKind.Internal) : null;
        }

        Assert.False(endedBeforeFirstText);

        var request = Assert.Single(recorder.Junction, s => s.Kind == ActivityKind.Internal);
        Assert.NotNull(request.GetTagItem(Tags.OutputTokens));
        Assert.Single(recorder.Junction, s => s.Kind == ActivityKind.Client);
    }

    [Fact]
    public async Task Embeddings_SpanOperationIsEmbeddings()
    {
        using var recorder = new ActivityRecorder();
        await _fixture.Runtime.AsEmbeddingGenerator("embed").GenerateAsync("x", cancellationToken: Ct);

        Assert.All(recorder.Junction, s => Assert.Equal(JunctionTelemetry.Operations.Embeddings, s.GetTagItem(Tags.OperationName)));
        Assert.Equal(2, recorder.Junction.Count);
    }

    [Fact]
    public async Task ProxyTraffic_GetsTheSameSpans_ParentedOnTheIncomingTraceparent()
    {
        await using var server = await JunctionTestServer.StartAsync(Configs.Yaml(_fixture.Fake.BaseUrl));
        using var recorder = new ActivityRecorder();
        var traceparent = $"00-{recorder.TraceId}-{recorder.Root.SpanId}-01";

        using var response = await server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"x"}]}""",
            headers: new Dictionary<string, string> { ["traceparent"] = traceparent }, cancellationToken: Ct);
        response.EnsureSuccessStatusCode();

        var request = Assert.Single(recorder.Junction, s => s.Kind == ActivityKind.Internal);
        var attempt = Assert.Single(recorder.Junction, s => s.Kind == ActivityKind.Client);
        Assert.Equal(("chat smart", "smart/0"), (request.DisplayName, request.GetTagItem(Tags.Deployment)));
        Assert.Equal(request.SpanId, attempt.ParentSpanId);
        Assert.Equal(attempt.Id, _fixture.Fake.Requests.Single().Header("traceparent"));
    }
}
