using System.Text.Json;
using Junction.Extensions.AI.Tests.TestSupport;
using Junction.Protocol.OpenAI;
using Junction.Server.Tests.Infrastructure;
using Junction.Spend;
using Junction.TestKit.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Junction.Extensions.AI.Tests;

/// <summary>
/// The library and the proxy, built from the same YAML, given the same request, send the same bytes upstream, map the
/// same answer, and report the request the same way (spend record).
/// </summary>
public sealed class EquivalenceTests : IAsyncLifetime
{
    private readonly InMemoryRequestObserver _serverObserver = new();
    private FakeUpstreamFixture _library = null!;
    private JunctionTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _library = await FakeUpstreamFixture.StartAsync();
        _server = await JunctionTestServer.StartAsync(Configs.Yaml(_library.Fake.BaseUrl),
            configure: b => b.Services.AddSingleton<IRequestObserver>(_serverObserver));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _library.DisposeAsync();
    }

    private static string Json(ChatCompletionRequest request) =>
        JsonSerializer.Serialize(request, OpenAIJsonContext.Wire.ChatCompletionRequest);

    private async Task<string> PostAsync(string path, string json)
    {
        using var response = await _server.PostJsonAsync(path, json, cancellationToken: Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    /// <summary>The two upstream requests (server's first, library's second) have identical bodies.</summary>
    private (RecordedRequest Server, RecordedRequest Library) AssertSameUpstreamBodies()
    {
        var requests = _library.Fake.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Path, requests[1].Path);
        Assert.Equal(requests[0].BodyText, requests[1].BodyText);
        Assert.Equal(requests[0].Header("Authorization"), requests[1].Header("Authorization"));
        return (requests[0], requests[1]);
    }

    private void AssertSameSpendRecords()
    {
        var server = Assert.Single(_serverObserver.Records);
        var library = Assert.Single(_library.Observer.Records);
        Assert.Equal(
            (server.Operation, server.Model, server.Deployment, server.Provider, server.UpstreamModel, server.ResponseModel, server.Status, server.Streamed, server.Usage?.TotalTokens),
            (library.Operation, library.Model, library.Deployment, library.Provider, library.UpstreamModel, library.ResponseModel, library.Status, library.Streamed, library.Usage?.TotalTokens));
    }

    [Fact]
    public async Task Chat_SameConfigAndRequest_SameUpstreamBytes_SameMappedResponse()
    {
        List<ChatMessage> messages = [new(ChatRole.System, "be brief"), new(ChatRole.User, "héllo <world> & co")];
        var options = new ChatOptions
        {
            Temperature = 0.3f, TopP = 0.9f, MaxOutputTokens = 50, StopSequences = ["END"], Seed = 7, PresencePenalty = 0.5f,
            AdditionalProperties = new() { ["user"] = "u-42", ["service_tier"] = "default" },
        };
        var call = JunctionCall.Start(_library.Runtime, options.AdditionalProperties);
        var wire = ChatRequestMapper.ToChatCompletionRequest(messages, options, "smart", passthrough: call.Passthrough);

        var serverResponse = ChatResponseMapper.ToChatResponse(
            JsonSerializer.Deserialize(await PostAsync("/v1/chat/completions", Json(wire)), OpenAIJsonContext.Wire.ChatCompletionResponse)!, null);
        var libraryResponse = await _library.Chat().GetResponseAsync(messages, options, Ct);

        AssertSameUpstreamBodies();
        Assert.Equal(serverResponse.Text, libraryResponse.Text);
        Assert.Equal(serverResponse.ModelId, libraryResponse.ModelId);
        Assert.Equal(serverResponse.FinishReason, libraryResponse.FinishReason);
        Assert.Equal(
            (serverResponse.Usage!.InputTokenCount, serverResponse.Usage.OutputTokenCount, serverResponse.Usage.TotalTokenCount),
            (libraryResponse.Usage!.InputTokenCount, libraryResponse.Usage.OutputTokenCount, libraryResponse.Usage.TotalTokenCount));
        AssertSameSpendRecords();
    }

    [Fact]
    public async Task Chat_RawClientJsonWithTools_SameUpstreamBytes_SameToolCalls()
    {
        var function = AIFunctionFactory.Create((string city) => city, "get_weather", "Weather");
        var json = $$$"""
            {"model":"smart","messages":[{"role":"user","content":"weather?"}],"tool_choice":"required","parallel_tool_calls":true,
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{{{function.JsonSchema.GetRawText()}}}}}]}
            """;
        var options = new ChatOptions { Tools = [function], ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = true };

        var serverResponse = ChatResponseMapper.ToChatResponse(
            JsonSerializer.Deserialize(await PostAsync("/v1/chat/completions", json), OpenAIJsonContext.Wire.ChatCompletionResponse)!, null);
        var libraryResponse = await _library.Chat().GetResponseAsync("weather?", options, Ct);

        AssertSameUpstreamBodies();
        var serverCall = Assert.IsType<FunctionCallContent>(Assert.Single(serverResponse.Messages[0].Contents));
        var libraryCall = Assert.IsType<FunctionCallContent>(Assert.Single(libraryResponse.Messages[0].Contents));
        Assert.Equal((serverCall.CallId, serverCall.Name), (libraryCall.CallId, libraryCall.Name));
        Assert.Equal(JsonSerializer.Serialize(serverCall.Arguments), JsonSerializer.Serialize(libraryCall.Arguments));
        Assert.Equal(ChatFinishReason.ToolCalls, libraryResponse.FinishReason);
        AssertSameSpendRecords();
    }

    [Fact]
    public async Task ChatStream_SameUpstreamBytes_SameTextFinishAndUsage()
    {
        const string json = """{"model":"smart","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"stream it"}]}""";

        var mapper = new ChatStreamMapper();
        var serverUpdates = Sse.Parse(await PostAsync("/v1/chat/completions", json)).Where(e => e != "[DONE]")
            .Select(e => mapper.Map(JsonSerializer.Deserialize(e, OpenAIJsonContext.Wire.ChatCompletionChunk)!)).ToList();
        var libraryUpdates = new List<ChatResponseUpdate>();
        await foreach (var update in _library.Chat().GetStreamingResponseAsync("stream it", cancellationToken: Ct))
        {
            libraryUpdates.Add(update);
        }

        AssertSameUpstreamBodies();
        var server = serverUpdates.ToChatResponse();
        var library = libraryUpdates.ToChatResponse();
        Assert.Equal(server.Text, library.Text);
        Assert.Equal(server.FinishReason, library.FinishReason);
        Assert.Equal(server.Usage!.TotalTokenCount, library.Usage!.TotalTokenCount);
        Assert.Equal(serverUpdates.Count(u => u.Text.Length > 0), libraryUpdates.Count(u => u.Text.Length > 0));
        AssertSameSpendRecords();
    }

    [Fact]
    public async Task Embeddings_SameUpstreamBytes_SameVectors()
    {
        var serverBody = JsonSerializer.Deserialize(
            await PostAsync("/v1/embeddings", """{"model":"embed","input":["one","two"],"dimensions":16}"""), OpenAIJsonContext.Wire.EmbeddingResponse)!;
        var library = await _library.Runtime.AsEmbeddingGenerator("embed").GenerateAsync(["one", "two"], new EmbeddingGenerationOptions { Dimensions = 16 }, Ct);

        AssertSameUpstreamBodies();
        var server = EmbeddingMapper.ToGeneratedEmbeddings(serverBody, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(server.Select(e => e.Vector.ToArray()), library.Select(e => e.Vector.ToArray()));
        Assert.Equal(server.Usage!.InputTokenCount, library.Usage!.InputTokenCount);
        AssertSameSpendRecords();
    }

    [Fact]
    public async Task Errors_SameUpstreamFailure_SameErrorBody()
    {
        _library.Fake.Enqueue(FakeBehavior.Error(400, "invalid_request_error", "invalid_value", "bad value", "temperature"));
        _library.Fake.Enqueue(FakeBehavior.Error(400, "invalid_request_error", "invalid_value", "bad value", "temperature"));

        using var response = await _server.PostJsonAsync("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"x"}]}""", cancellationToken: Ct);
        var serverBody = await response.Content.ReadAsStringAsync(Ct);
        var ex = await Assert.ThrowsAsync<JunctionRequestException>(() => _library.Chat().GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal((int)response.StatusCode, ex.Status);
        Assert.Equal(serverBody, JsonSerializer.Serialize(ex.ToErrorResponse(), OpenAIJsonContext.Wire.ErrorResponse));
    }
}
