using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.Bedrock;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Junction.Server.Tests.Bedrock;

/// <summary>
/// The bedrock provider end to end: the official OpenAI .NET SDK → Junction → <see cref="FakeBedrockRuntime"/>, which
/// checks every SigV4 signature for real and answers in Bedrock's formats (event-stream frames for ConverseStream).
/// </summary>
public sealed class BedrockProviderTests : IAsyncLifetime
{
    private FakeBedrockRuntime _fake = null!;
    private JunctionTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_fake, _server) = await BedrockTestConfig.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private ChatClient Chat(string model = "claude") => _server.OpenAI(BedrockTestConfig.MasterKey).GetChatClient(model);

    [Fact]
    public async Task Chat_WithSdk_ConverseSignedForReal_ModelIdColonSentAsPercent3A()
    {
        ChatCompletion completion = await Chat().CompleteChatAsync([new SystemChatMessage("be brief"), new UserChatMessage("hello there")], cancellationToken: Ct);

        Assert.Equal("Bedrock says: hello there", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(4, completion.Usage.InputTokenCount);
        Assert.Equal(4, completion.Usage.OutputTokenCount);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", request.RawTarget);
        Assert.Equal("sigv4", request.AuthScheme);
        Assert.Equal("be brief", request.Json!["system"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(0, _fake.RejectedCount);
    }

    [Fact]
    public async Task ChatStream_WithSdk_TextWithoutBlockStart_UsageFromMetadataAfterMessageStop()
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("stream this please")], cancellationToken: Ct))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Bedrock says: stream this please", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(3, usage.InputTokenCount);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream", Assert.Single(_fake.Requests).RawTarget);
    }

    [Fact]
    public async Task ChatStream_WithSdk_ToolCallDeltas_HaveStableIndexZero_AfterATextBlock()
    {
        var tool = ChatTool.CreateFunctionTool("get_weather", "Weather for a city",
            BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}}}"""));
        var options = new ChatCompletionOptions { Tools = { tool } };
        var args = new StringBuilder();
        var text = new StringBuilder();
        string? id = null, name = null;
        var indexes = new HashSet<int>();
        ChatFinishReason? finish = null;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("weather in Paris?")], options, Ct))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            foreach (var part in update.ToolCallUpdates)
            {
                indexes.Add(part.Index);
                id ??= part.ToolCallId;
                name ??= part.FunctionName;
                args.Append(part.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(FakeBedrockResponder.ToolPreamble, text.ToString());
        Assert.Equal([0], indexes);
        Assert.Equal(FakeBedrockResponder.ToolUseId, id);
        Assert.Equal("get_weather", name);
        Assert.Equal(FakeBedrockResponder.ToolInput, args.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        var sent = Assert.Single(_fake.Requests).Json!;
        Assert.Equal("get_weather", sent["toolConfig"]!["tools"]![0]!["toolSpec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_ToolCall_NonStreamed_ReturnsArgumentsAsJsonText()
    {
        var tool = ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString("""{"type":"object","properties":{}}"""));
        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("weather?")], new ChatCompletionOptions { Tools = { tool } }, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal(JsonDocument.Parse(FakeBedrockResponder.ToolInput).RootElement.GetRawText(),
            JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetRawText());
    }

    [Fact]
    public async Task Embeddings_TitanArray_OneCallPerItemInOrder_SdkBase64Decoded()
    {
        var client = _server.OpenAI(BedrockTestConfig.MasterKey).GetEmbeddingClient("titan-v2");
        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(["first", "second words", "third one here"],
            new EmbeddingGenerationOptions { Dimensions = 256 }, Ct);

        Assert.Equal(3, result.Count);
        Assert.Equal(FakeBedrockResponder.Embedding("first", 256), result[0].ToFloats().ToArray());
        Assert.Equal(FakeBedrockResponder.Embedding("second words", 256), result[1].ToFloats().ToArray());
        Assert.Equal(FakeBedrockResponder.Embedding("third one here", 256), result[2].ToFloats().ToArray());
        Assert.Equal(6, result.Usage.InputTokenCount);
        var texts = _fake.Requests.Select(r => r.Json!["inputText"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["first", "second words", "third one here"], texts);
        Assert.All(_fake.Requests, r => Assert.Equal("/model/amazon.titan-embed-text-v2%3A0/invoke", r.RawTarget));
        Assert.All(_fake.Requests, r => Assert.Equal(256, r.Json!["dimensions"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Embeddings_FloatAndBase64_OverRawHttp_CarryTheSameVector()
    {
        using var floats = await _server.PostJsonAsync("/v1/embeddings", """{"model":"titan-v2","input":"hello","encoding_format":"float"}""", BedrockTestConfig.MasterKey, cancellationToken: Ct);
        using var base64 = await _server.PostJsonAsync("/v1/embeddings", """{"model":"titan-v2","input":"hello","encoding_format":"base64"}""", BedrockTestConfig.MasterKey, cancellationToken: Ct);

        using var f = JsonDocument.Parse(await floats.Content.ReadAsStringAsync(Ct));
        using var b = JsonDocument.Parse(await base64.Content.ReadAsStringAsync(Ct));
        var vector = f.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var bytes = Convert.FromBase64String(b.RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(FakeBedrockResponder.Embedding("hello", 1024), vector);
        Assert.Equal(vector, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }

    [Fact]
    public async Task Embeddings_Cohere_BatchedInOneCall_UsageFromTokenHeader()
    {
        var client = _server.OpenAI(BedrockTestConfig.MasterKey).GetEmbeddingClient("cohere");
        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(["a b", "c", "d e f"], cancellationToken: Ct);

        Assert.Equal(3, result.Count);
        Assert.Equal(FakeBedrockResponder.Embedding("d e f", 1024), result[2].ToFloats().ToArray());
        Assert.Equal(6, result.Usage.InputTokenCount);
        var request = Assert.Single(_fake.Requests).Json!;
        Assert.Equal(3, request["texts"]!.AsArray().Count);
        Assert.Equal("search_document", request["input_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_Throttled_Is429WithRetryAfter_AndBedrockRequestIdKept()
    {
        _fake.Enqueue(FakeBedrockBehavior.Throttling(retryAfterSeconds: 7));
        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"claude","messages":[{"role":"user","content":"hi"}]}""",
            BedrockTestConfig.MasterKey, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("fake-req-0001", response.Headers.GetValues("x-junction-upstream-request-id").Single());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("bedrock", error.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Chat_InputTooLong_IsContextLengthExceeded_ThroughTheSdk()
    {
        _fake.Enqueue(FakeBedrockBehavior.InputTooLong());
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Chat().CompleteChatAsync([new UserChatMessage("x")], cancellationToken: Ct));

        Assert.Equal(400, ex.Status);
        Assert.Contains("context_length_exceeded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatStream_ExceptionFrameMidStream_BecomesSseErrorEvent_AndNoDone()
    {
        _fake.Enqueue(FakeBedrockBehavior.StreamException(afterDeltas: 2));
        using var response = await _server.PostJsonAsync("/v1/chat/completions",
            """{"model":"claude","stream":true,"messages":[{"role":"user","content":"one two three four"}]}""", BedrockTestConfig.MasterKey, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await Sse.ReadDataAsync(response, Ct);
        Assert.Equal("Bedrock says: ", Sse.ContentOf(events.Where(e => !e.Contains("\"error\"", StringComparison.Ordinal))));
        Assert.DoesNotContain("[DONE]", events);
        using var last = JsonDocument.Parse(events[^1]);
        Assert.Equal("rate_limit_exceeded", last.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Chat_UnsupportedParam_Is400NamingIt_UnlessTheDeploymentDropsIt()
    {
        const string body = """{"model":"MODEL","messages":[{"role":"user","content":"hi"}],"logprobs":true,"seed":3}""";
        using var refused = await _server.PostJsonAsync("/v1/chat/completions", body.Replace("MODEL", "claude", StringComparison.Ordinal),
            BedrockTestConfig.MasterKey, cancellationToken: Ct);
        using var dropped = await _server.PostJsonAsync("/v1/chat/completions", body.Replace("MODEL", "claude-drop", StringComparison.Ordinal),
            BedrockTestConfig.MasterKey, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal("logprobs", error.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("unsupported_parameter", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, dropped.StatusCode);
        Assert.Equal("logprobs,seed", dropped.Headers.GetValues("x-junction-dropped-params").Single());
        var sent = Assert.Single(_fake.Requests);
        Assert.Equal("/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse", sent.RawTarget);
        Assert.Equal(512, sent.Json!["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
    }
}
