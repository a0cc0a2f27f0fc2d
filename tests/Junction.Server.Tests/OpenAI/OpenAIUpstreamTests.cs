using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Junction.Server.Tests.OpenAI;

/// <summary>The OpenAI provider end to end: official OpenAI SDK → Junction → a fake OpenAI server speaking the real wire format.</summary>
public sealed class OpenAIUpstreamTests : IAsyncLifetime
{
    private const string MasterKey = "sk-junction-master-key-abcdef0123";
    private const string UpstreamKey = "sk-upstream-provider-key-9876543210";
    private FakeOpenAIUpstream _fake = null!;
    private JunctionTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { ExpectedApiKey = UpstreamKey, StreamChunkDelayMs = 0 });
        _server = await JunctionTestServer.StartAsync($$"""
            server: { host: 127.0.0.1, port: 0 }
            auth:
              master_key: {{MasterKey}}
            models:
              - name: smart
                deployments:
                  - provider: openai
                    model: gpt-4o-2024-08-06
                    base_url: {{_fake.BaseUrl}}
                    api_key: ${UPSTREAM_KEY}
                routing: { retries: 0, timeout_s: 5 }
              - name: embed
                deployments:
                  - provider: openai
                    model: text-embedding-3-small
                    base_url: {{_fake.BaseUrl}}
                    api_key: ${UPSTREAM_KEY}
              - name: instruct
                deployments:
                  - provider: openai
                    model: gpt-3.5-turbo-instruct
                    base_url: {{_fake.BaseUrl}}
                    api_key: ${UPSTREAM_KEY}
              - name: unreachable
                deployments:
                  - provider: openai
                    model: gpt-4o
                    base_url: http://127.0.0.1:1/v1
                    api_key: ${UPSTREAM_KEY}
                routing: { retries: 0 }
              - name: slow
                deployments:
                  - provider: openai
                    model: gpt-4o
                    base_url: {{_fake.BaseUrl}}
                    api_key: ${UPSTREAM_KEY}
                routing: { retries: 0, timeout_s: 1 }
            """, new Dictionary<string, string> { ["UPSTREAM_KEY"] = UpstreamKey });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private ChatClient Chat(string model = "smart") => _server.OpenAI(MasterKey).GetChatClient(model);

    [Fact]
    public async Task Chat_MapsModel_SendsDeploymentKeyNotClientKey_AndPropagatesTrace()
    {
        var options = new ChatCompletionOptions();
        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("hello upstream")], options, Ct);

        Assert.Equal("echo: hello upstream", completion.Content[0].Text);
        var upstream = Assert.Single(_fake.Requests);
        Assert.Equal("/v1/chat/completions", upstream.Path);
        Assert.Equal("gpt-4o-2024-08-06", upstream.BodyJson.GetProperty("model").GetString());
        Assert.Equal("Bearer " + UpstreamKey, upstream.Header("Authorization"));
        Assert.DoesNotContain(MasterKey, upstream.Headers.Values.SelectMany(v => v.ToArray()).ToList());
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", upstream.Header("traceparent") ?? "");
        Assert.DoesNotContain(UpstreamKey, _server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_IncomingTraceparent_IsContinuedUpstream()
    {
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"x"}]}""", MasterKey,
            new Dictionary<string, string> { ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-", _fake.Requests.Single().Header("traceparent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UnknownRequestFields_AreForwardedUnchanged()
    {
        using var response = await _server.PostJsonAsync("/v1/chat/completions",
            """{"model":"smart","messages":[{"role":"user","content":"x","x_note":"kept"}],"brand_new_param":{"a":[1,2]},"service_tier":"flex","temperature":0.25,"logprobs":true}""", MasterKey, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = _fake.Requests.Single().BodyJson;
        Assert.Equal("""{"a":[1,2]}""", body.GetProperty("brand_new_param").GetRawText());
        Assert.Equal("flex", body.GetProperty("service_tier").GetString());
        Assert.Equal("kept", body.GetProperty("messages")[0].GetProperty("x_note").GetString());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble());

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("choices")[0].GetProperty("logprobs").ValueKind);
    }

    [Fact]
    public async Task ChatStream_WithSdk_StreamsText_AndAlwaysAsksUpstreamForUsage()
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("stream this please")], cancellationToken: Ct))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage;
        }

        Assert.Equal("echo: stream this please", text.ToString());
        Assert.NotNull(usage);
        var upstream = _fake.Requests.Single().BodyJson;
        Assert.True(upstream.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task ChatStream_ClientDidNotAskForUsage_UsageChunkIsStripped()
    {
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","stream":true,"messages":[{"role":"user","content":"a b c"}]}""", MasterKey, cancellationToken: Ct);
        var events = await Sse.ReadDataAsync(response, Ct);
        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.DoesNotContain("\"total_tokens\"", e, StringComparison.Ordinal));
        Assert.Equal("echo: a b c", Sse.ContentOf(events));
        Assert.True(_fake.Requests.Single().BodyJson.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task ChatStream_ClientAskedForUsage_GetsChoicesEmptyUsageChunk()
    {
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"a b c"}]}""", MasterKey, cancellationToken: Ct);
        var events = await Sse.ReadDataAsync(response, Ct);
        using var last = JsonDocument.Parse(events[^2]);
        Assert.Equal("[]", last.RootElement.GetProperty("choices").GetRawText());
        Assert.True(last.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Chat_ToolCalls_RoundTripThroughSdk()
    {
        var tool = ChatTool.CreateFunctionTool("get_weather", "Weather for a city", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("weather?")], options, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        using var args = JsonDocument.Parse(call.FunctionArguments);
        Assert.Equal(JsonValueKind.Object, args.RootElement.ValueKind);
        Assert.Equal("required", _fake.Requests.Single().BodyJson.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task ChatStream_ToolCalls_ArriveAsIndexedFragments()
    {
        var tool = ChatTool.CreateFunctionTool("lookup", "Look something up", BinaryData.FromString("""{"type":"object","properties":{"q":{"type":"string"}}}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateFunctionChoice("lookup") };
        var names = new List<string>();
        var args = new StringBuilder();
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("x")], options, Ct))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                if (part.FunctionName is { } name)
                {
                    names.Add(name);
                }

                args.Append(part.FunctionArgumentsUpdate?.ToString());
            }
        }

        Assert.Equal(["lookup"], names);
        using var parsed = JsonDocument.Parse(args.ToString());
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
    }

    [Fact]
    public async Task Chat_ResponseFormatJsonSchema_IsForwarded()
    {
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"""), jsonSchemaIsStrict: true),
        };
        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("json please")], options, Ct);
        using var json = JsonDocument.Parse(completion.Content[0].Text);
        Assert.True(json.RootElement.TryGetProperty("city", out _));
        Assert.Equal("json_schema", _fake.Requests.Single().BodyJson.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Chat_NChoices_AreAllReturned()
    {
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","n":3,"messages":[{"role":"user","content":"x"}]}""", MasterKey, cancellationToken: Ct);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(3, doc.RootElement.GetProperty("choices").GetArrayLength());
    }

    [Fact]
    public async Task Embeddings_Sdk_DefaultBase64_MatchesUpstreamVectors()
    {
        var client = _server.OpenAI(MasterKey).GetEmbeddingClient("embed");
        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(["first", "second"], cancellationToken: Ct);

        Assert.Equal(FakeOpenAIUpstream.ExpectedEmbedding("first"), result[0].ToFloats().ToArray());
        Assert.Equal(FakeOpenAIUpstream.ExpectedEmbedding("second"), result[1].ToFloats().ToArray());
        Assert.Equal("text-embedding-3-small", _fake.Requests.Single().BodyJson.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Embeddings_FloatFormat_PassesThrough()
    {
        using var response = await _server.PostJsonAsync("/v1/embeddings", """{"model":"embed","input":"first","encoding_format":"float"}""", MasterKey, cancellationToken: Ct);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var vector = doc.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(FakeOpenAIUpstream.ExpectedEmbedding("first"), vector);
    }

    [Fact]
    public async Task LegacyCompletions_NonStreamAndStream()
    {
        using var plain = await _server.PostJsonAsync("/v1/completions", """{"model":"instruct","prompt":"Say hi"}""", MasterKey, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        using var doc = JsonDocument.Parse(await plain.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text_completion", doc.RootElement.GetProperty("object").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("choices")[0].GetProperty("text").GetString()));

        using var streamed = await _server.PostJsonAsync("/v1/completions", """{"model":"instruct","prompt":"Say hi","stream":true}""", MasterKey, cancellationToken: Ct);
        var events = await Sse.ReadDataAsync(streamed, Ct);
        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.Contains("text_completion", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upstream429_ReachesClientAs429_WithRetryAfterTypeCodeAndProvider()
    {
        _fake.Enqueue(FakeBehavior.RateLimited(TimeSpan.FromSeconds(7)));
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Chat().CompleteChatAsync([new UserChatMessage("x")], cancellationToken: Ct));
        Assert.Equal(429, ex.Status);
        var raw = ex.GetRawResponse()!;
        Assert.Equal("7", raw.Headers.TryGetValue("Retry-After", out var ra) ? ra : null);
        using var doc = JsonDocument.Parse(raw.Content.ToString());
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("openai", error.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Upstream400_IsPassedOnAndNotRetried()
    {
        _fake.Enqueue(FakeBehavior.Error(400, "invalid_request_error", "invalid_value", "Invalid value for 'temperature'.", "temperature"));
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"x"}]}""", MasterKey, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("temperature", doc.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task UpstreamUnreachable_Is502()
    {
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"unreachable","messages":[{"role":"user","content":"x"}]}""", MasterKey, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("upstream_unreachable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamTimeout_Is504_AndTheUpstreamCallIsCancelled()
    {
        _fake.Enqueue(FakeBehavior.Hang());
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"slow","messages":[{"role":"user","content":"x"}]}""", MasterKey, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("\"timeout\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await _fake.WaitForAbortAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task UpstreamGarbage_Is502InvalidResponse()
    {
        _fake.Enqueue(FakeBehavior.Garbage());
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"x"}]}""", MasterKey, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("upstream_invalid_response", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_UpstreamDiesMidStream_EndsWithErrorEvent_NotAHang()
    {
        _fake.Enqueue(FakeBehavior.ResetMidStream(2));
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","stream":true,"messages":[{"role":"user","content":"one two three four five six"}]}""", MasterKey, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await Sse.ReadDataAsync(response, Ct);
        Assert.NotEqual("[DONE]", events[^1]);
        using var error = JsonDocument.Parse(events[^1]);
        Assert.Equal("upstream_unreachable", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stream_ErrorEventFromUpstream_IsPassedOnAndEndsTheStream()
    {
        _fake.Enqueue(FakeBehavior.ErrorInStream(1));
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","stream":true,"messages":[{"role":"user","content":"one two three"}]}""", MasterKey, cancellationToken: Ct);
        var events = await Sse.ReadDataAsync(response, Ct);
        Assert.Contains("\"error\"", events[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClientDisconnect_CancelsTheUpstreamRequest()
    {
        // A long, slow upstream stream (about 20 s), so only a real cancellation can end the upstream call early.
        await using var slowFake = await FakeOpenAIUpstream.StartAsync(new FakeOpenAIOptions { StreamChunkDelayMs = 500 }, Ct);
        await using var server = await JunctionTestServer.StartAsync($$"""
            server: { host: 127.0.0.1, port: 0 }
            models:
              - name: slowstream
                deployments:
                  - { provider: openai, model: gpt-4o, base_url: "{{slowFake.BaseUrl}}" }
            """);
        var words = string.Join(' ', Enumerable.Range(0, 40).Select(i => "w" + i));
        var body = $$"""{"model":"slowstream","stream":true,"messages":[{"role":"user","content":"{{words}}"}]}""";

        // A raw socket, closed for certain after the first bytes: no client-side connection pooling or draining.
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(server.BaseUrl.Host, server.BaseUrl.Port, Ct);
            var network = client.GetStream();
            var request = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {server.BaseUrl.Authority}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
            await network.WriteAsync(Encoding.UTF8.GetBytes(request), Ct);
            var buffer = new byte[4096];
            var received = "";
            while (!received.Contains("data: ", StringComparison.Ordinal))
            {
                var read = await network.ReadAsync(buffer, Ct);
                Assert.True(read > 0, "the gateway closed the stream before the first event");
                received += Encoding.UTF8.GetString(buffer, 0, read);
            }

            Assert.StartsWith("HTTP/1.1 200", received, StringComparison.Ordinal);
        }

        await slowFake.WaitForAbortAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, slowFake.AbortedCount);
    }

    [Fact]
    public async Task Response_CarriesOverheadHeader()
    {
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"x"}]}""", MasterKey, cancellationToken: Ct);
        Assert.True(response.Headers.Contains("x-junction-overhead-ms"));
        Assert.Equal("smart/0", response.Headers.GetValues("x-junction-deployment").Single());
    }
}
