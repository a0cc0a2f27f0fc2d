using System.Text.Json;
using Junction.Extensions.AI.Tests.TestSupport;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI.Tests;

/// <summary>The chat client end to end: M.E.AI → Junction's router in process → a fake OpenAI server on 127.0.0.1.</summary>
public sealed class JunctionChatClientTests : IAsyncLifetime
{
    private FakeUpstreamFixture _fixture = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _fixture = await FakeUpstreamFixture.StartAsync(b => b.UseCostEstimator(new PerTokenCostEstimator("openai", 0.001m, 0.002m)));

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_Text_GoesUpstreamWithDeploymentModelAndKey_ReturnsUsageCostAndDeployment()
    {
        var response = await _fixture.Chat().GetResponseAsync("hello upstream", new ChatOptions { Temperature = 0.2f }, Ct);

        Assert.Equal("echo: hello upstream", response.Text);
        var upstream = Assert.Single(_fixture.Fake.Requests);
        Assert.Equal("/v1/chat/completions", upstream.Path);
        Assert.Equal("gpt-4o-mini", upstream.BodyJson.GetProperty("model").GetString());
        Assert.Equal(0.2, upstream.BodyJson.GetProperty("temperature").GetDouble());
        Assert.Equal("Bearer " + Configs.UpstreamKey, upstream.Header("Authorization"));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", upstream.Header("traceparent") ?? "");

        var usage = response.Usage!;
        Assert.True(usage.InputTokenCount > 0 && usage.OutputTokenCount > 0);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
        var properties = response.AdditionalProperties!;
        Assert.Equal("smart/0", properties[JunctionPropertyNames.Deployment]);
        Assert.Equal("openai", properties[JunctionPropertyNames.Provider]);
        Assert.Equal(1, properties[JunctionPropertyNames.Attempts]);
        Assert.Equal(usage.InputTokenCount * 0.001m + usage.OutputTokenCount * 0.002m, properties[JunctionPropertyNames.Cost]);
        Assert.StartsWith("req_", (string)properties[JunctionPropertyNames.RequestId]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_SpendRecordIsWritten_WithModelDeploymentUsageCostAndAttempts()
    {
        var response = await _fixture.Chat().GetResponseAsync("count me", cancellationToken: Ct);

        var record = Assert.Single(_fixture.Observer.Records);
        Assert.Equal(response.AdditionalProperties![JunctionPropertyNames.RequestId], record.RequestId);
        Assert.Equal(("chat", "smart", "smart/0", "openai", "gpt-4o-mini", 200, false),
            (record.Operation, record.Model, record.Deployment, record.Provider, record.UpstreamModel, record.Status, record.Streamed));
        Assert.Equal(response.Usage!.TotalTokenCount, record.Usage!.TotalTokens);
        Assert.Equal(response.AdditionalProperties[JunctionPropertyNames.Cost], record.Cost);
        Assert.Equal("gpt-4o-mini", record.ResponseModel);
        Assert.Single(record.Attempts);
        Assert.True(record.Latency > TimeSpan.Zero);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamsText_ThenUsageAndJunctionFacts()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _fixture.Chat().GetStreamingResponseAsync("stream this please", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1);
        var response = updates.ToChatResponse();
        Assert.Equal("echo: stream this please", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);

        // Junction's facts come on the last update; ToChatResponse() keeps them on the message it builds.
        var facts = updates[^1].AdditionalProperties!;
        Assert.Empty(updates[^1].Contents);
        Assert.Equal("smart/0", facts[JunctionPropertyNames.Deployment]);
        Assert.NotNull(facts[JunctionPropertyNames.Cost]);
        Assert.Equal("smart/0", response.Messages[^1].AdditionalProperties![JunctionPropertyNames.Deployment]);

        var body = _fixture.Fake.Requests.Single().BodyJson;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        var record = Assert.Single(_fixture.Observer.Records);
        Assert.Equal((200, true), (record.Status, record.Streamed));
        Assert.Equal(response.Usage.TotalTokenCount, record.Usage!.TotalTokens);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerStopsReading_RecordsClientClosed()
    {
        await foreach (var update in _fixture.Chat().GetStreamingResponseAsync("one two three four five", cancellationToken: Ct))
        {
            break;
        }

        Assert.Equal(499, Assert.Single(_fixture.Observer.Records).Status);
    }

    [Fact]
    public async Task StructuredOutput_JsonSchema_IsSentAndAnswered()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""");
        var response = await _fixture.Chat().GetResponseAsync("where?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "place") }, Ct);

        using var answer = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.String, answer.RootElement.GetProperty("city").ValueKind);
        var format = _fixture.Fake.Requests.Single().BodyJson.GetProperty("response_format");
        Assert.Equal("place", format.GetProperty("json_schema").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Fallback_OpenAIFails_MockProviderAnswers_FallbackIsReported()
    {
        _fixture.Fake.Enqueue(FakeBehavior.Error(500, "server_error", null, "boom"));

        var response = await _fixture.Chat("flaky").GetResponseAsync("hello", cancellationToken: Ct);

        Assert.Contains("mock", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("backup/0", response.AdditionalProperties![JunctionPropertyNames.Deployment]);
        Assert.Equal("mock", response.AdditionalProperties[JunctionPropertyNames.Provider]);
        Assert.Equal("backup", response.AdditionalProperties[JunctionPropertyNames.FallbackModel]);
        Assert.Equal(2, response.AdditionalProperties[JunctionPropertyNames.Attempts]);
        Assert.False(response.AdditionalProperties.ContainsKey(JunctionPropertyNames.Cost));
        var record = Assert.Single(_fixture.Observer.Records);
        Assert.Equal([500, 200], record.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task RoutingOverrides_FromAdditionalProperties_AddAFallback()
    {
        _fixture.Fake.Enqueue(FakeBehavior.Error(503, "server_error", null, "down"));
        var options = new ChatOptions { AdditionalProperties = new() { [JunctionPropertyNames.RoutingOverrides] = """{"fallbacks":["demo"]}""" } };

        var response = await _fixture.Chat().GetResponseAsync("hi", options, Ct);

        Assert.Equal("demo", response.AdditionalProperties![JunctionPropertyNames.FallbackModel]);
        Assert.False(_fixture.Fake.Requests.Single().BodyJson.TryGetProperty("junction", out _));
    }

    [Fact]
    public async Task Retry_SecondDeploymentAnswers_AfterRateLimit()
    {
        _fixture.Fake.Enqueue(FakeBehavior.RateLimited(TimeSpan.FromMilliseconds(10)));

        var response = await _fixture.Chat("retrying").GetResponseAsync("hi", cancellationToken: Ct);

        Assert.Equal("second", response.AdditionalProperties![JunctionPropertyNames.Deployment]);
        Assert.Equal(["gpt-4o", "gpt-4o-mini"], _fixture.Fake.Requests.Select(r => r.BodyJson.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task Errors_UpstreamError_IsTypedWithStatusTypeCodeParamProviderAndIds()
    {
        _fixture.Fake.Enqueue(FakeBehavior.Error(400, "invalid_request_error", "invalid_value", "bad temperature", "temperature"));

        var ex = await Assert.ThrowsAsync<JunctionRequestException>(() => _fixture.Chat().GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal((400, "invalid_request_error", "invalid_value", "temperature", "openai"),
            (ex.Status, ex.ErrorType, ex.Code, ex.Param, ex.Provider));
        Assert.False(string.IsNullOrEmpty(ex.UpstreamRequestId));
        Assert.Equal("smart/0", ex.Deployment);
        Assert.IsType<Junction.Resilience.JunctionException>(ex.InnerException);
        Assert.Equal(ex.RequestId, Assert.Single(_fixture.Observer.Records).RequestId);
        Assert.Equal(400, _fixture.Observer.Records[0].Status);
        var body = JsonSerializer.SerializeToElement(ex.ToErrorResponse(), Junction.Protocol.OpenAI.OpenAIJsonContext.Wire.ErrorResponse);
        Assert.Equal("invalid_value", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Errors_UnknownModelAndEmptyMessages_AreTheProxys400And404()
    {
        var notFound = await Assert.ThrowsAsync<JunctionRequestException>(() => _fixture.Chat("nope").GetResponseAsync("x", cancellationToken: Ct));
        Assert.Equal((404, "model_not_found", "model"), (notFound.Status, notFound.Code, notFound.Param));

        var empty = await Assert.ThrowsAsync<JunctionRequestException>(() => _fixture.Chat().GetResponseAsync([], cancellationToken: Ct));
        Assert.Equal((400, "empty_array"), (empty.Status, empty.Code));

        var noModel = await Assert.ThrowsAsync<JunctionRequestException>(() => new JunctionChatClient(_fixture.Runtime).GetResponseAsync("x", cancellationToken: Ct));
        Assert.Equal("missing_required_parameter", noModel.Code);
    }

    [Fact]
    public async Task Errors_MidStreamFailure_IsTyped()
    {
        _fixture.Fake.Enqueue(FakeBehavior.ErrorInStream(afterChunks: 2));

        var ex = await Assert.ThrowsAsync<JunctionRequestException>(async () =>
        {
            await foreach (var update in _fixture.Chat().GetStreamingResponseAsync("a b c d e f", cancellationToken: Ct))
            {
            }
        });

        Assert.Equal("openai", ex.Provider);
        Assert.True(ex.Status >= 500);
        Assert.Equal(ex.Status, Assert.Single(_fixture.Observer.Records).Status);
    }

    [Fact]
    public async Task Cancellation_IsNotWrapped()
    {
        _fixture.Fake.Enqueue(FakeBehavior.Hang());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Chat().GetResponseAsync("x", cancellationToken: cts.Token));
        Assert.Equal(499, Assert.Single(_fixture.Observer.Records).Status);
    }

    [Fact]
    public void GetService_ReturnsMetadataRuntimeAndSelf()
    {
        using var client = _fixture.Chat();
        Assert.Equal(("junction", "smart"), (client.GetService<ChatClientMetadata>()!.ProviderName, client.GetService<ChatClientMetadata>()!.DefaultModelId));
        Assert.Same(_fixture.Runtime, client.GetService<JunctionRuntime>());
        Assert.Same(client, client.GetService<JunctionChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("key"));
    }
}
