using System.Text;
using System.Text.Json;
using Junction.TestKit.Azure;
using OpenAI.Chat;

namespace Junction.Server.Tests.Azure;

/// <summary>The official OpenAI SDK → Junction's /v1 surface → a fake Azure OpenAI resource (chat).</summary>
public sealed class AzureUpstreamChatTests : IAsyncLifetime
{
    private AzureFixture _azure = null!;

    public async ValueTask InitializeAsync() => _azure = await AzureFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _azure.DisposeAsync();

    private ChatClient Chat(string model) => _azure.Server.OpenAI(AzureFixture.MasterKey).GetChatClient(model);

    [Fact]
    public async Task Chat_OpenAISdk_ReachesDatedPathWithApiKeyAndVersion()
    {
        ChatCompletion completion = await Chat("gpt4o").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FakeAzureBodies.ChatText + "gpt4o-prod.", completion.Content[0].Text);
        var call = Assert.Single(_azure.Fake.Calls);
        Assert.Equal("/openai/deployments/gpt4o-prod/chat/completions", call.Path);
        Assert.Equal("2024-10-21", call.ApiVersion);
        Assert.Equal(AzureFixture.UpstreamKey, call.Headers["api-key"]);
        Assert.False(call.Headers.ContainsKey("authorization"));
        _azure.AssertClientKeyNeverUpstream();
    }

    [Fact]
    public async Task Chat_V1ApiVersion_UsesV1PathWithDeploymentAsModel()
    {
        ChatCompletion completion = await Chat("gpt4o-v1").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FakeAzureBodies.ChatText + "gpt4o-v1.", completion.Content[0].Text);
        var call = Assert.Single(_azure.Fake.Calls);
        Assert.Equal("/openai/v1/chat/completions", call.Path);
        Assert.Null(call.ApiVersion);
        Assert.Equal("gpt4o-v1", JsonDocument.Parse(call.Body!).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Chat_FineTunedModelName_MapsToAzureDeployment()
    {
        ChatCompletion completion = await Chat("ft:gpt-4o-mini:acme::abc123").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FakeAzureBodies.ChatText + "gpt4o-prod.", completion.Content[0].Text);
        Assert.Equal("2024-06-01", Assert.Single(_azure.Fake.Calls).ApiVersion);
    }

    [Fact]
    public async Task Chat_Raw_KeepsPromptAndChoiceFilterResults()
    {
        var (response, body) = await _azure.PostJsonAsync("/v1/chat/completions", """{"model":"gpt4o","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, body.GetProperty("prompt_filter_results")[0].GetProperty("prompt_index").GetInt32());
        Assert.Equal("safe", body.GetProperty("choices")[0].GetProperty("content_filter_results").GetProperty("hate").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Chat_OutputFiltered_FinishReasonContentFilterPassesThrough()
    {
        ChatCompletion completion = await Chat("gpt4o").CompleteChatAsync(
            [new UserChatMessage("please " + FakeAzureBodies.FilterOutputTrigger)], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.ContentFilter, completion.FinishReason);
    }

    [Fact]
    public async Task Chat_ToolsAndResponseFormat_ReachAzureAndToolCallComesBack()
    {
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}""")) },
            ToolChoice = ChatToolChoice.CreateRequiredChoice(),
        };

        ChatCompletion completion = await Chat("gpt4o").CompleteChatAsync([new UserChatMessage("weather?")], options, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("get_weather", completion.ToolCalls[0].FunctionName);
        var sent = JsonDocument.Parse(Assert.Single(_azure.Fake.Calls).Body!).RootElement;
        Assert.Equal("required", sent.GetProperty("tool_choice").GetString());

        var json = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        await Chat("gpt4o").CompleteChatAsync([new UserChatMessage("json please")], json, TestContext.Current.CancellationToken);
        Assert.Equal("json_object", JsonDocument.Parse(_azure.Fake.Calls[^1].Body!).RootElement.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatStream_OpenAISdk_SkipsAzureFilterOnlyChunks()
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Chat("gpt4o").CompleteChatStreamingAsync([new UserChatMessage("stream")], cancellationToken: TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(FakeAzureBodies.ChatText + "gpt4o-prod.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        var sent = JsonDocument.Parse(Assert.Single(_azure.Fake.Calls).Body!).RootElement;
        Assert.True(sent.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task ChatStream_Raw_FirstEventCarriesPromptFilterResultsAndEndsWithDone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt4o","stream":true,"messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", AzureFixture.MasterKey);
        using var response = await _azure.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var events = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();

        Assert.Contains("prompt_filter_results", events[0], StringComparison.Ordinal);
        Assert.Contains(events, e => e.Contains("content_filter_offsets", StringComparison.Ordinal));
        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chat_ContentFilter400_IsOpenAIShapedWithDetailsKept(bool wireSpelling)
    {
        _azure.Fake.Enqueue(wireSpelling ? FakeAzureFailure.ContentFilterWire() : FakeAzureFailure.ContentFilterSpec());

        var (response, body) = await _azure.PostJsonAsync("/v1/chat/completions", """{"model":"gpt4o","messages":[{"role":"user","content":"bad"}]}""");

        Assert.Equal(400, (int)response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal("content_filter", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("prompt", error.GetProperty("param").GetString());
        var inner = wireSpelling ? error.GetProperty("innererror").GetProperty("content_filter_result") : error.GetProperty("inner_error").GetProperty("content_filter_results");
        Assert.True(inner.GetProperty("violence").GetProperty("filtered").GetBoolean());
    }

    [Fact]
    public async Task Chat_ContentFilter400_OpenAISdkSeesA400()
    {
        _azure.Fake.Enqueue(FakeAzureFailure.ContentFilterWire());

        var ex = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() =>
            Chat("gpt4o").CompleteChatAsync([new UserChatMessage("bad")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(400, ex.Status);
    }

    [Fact]
    public async Task Chat_Azure429_RetryAfterPassedOnToClient()
    {
        _azure.Fake.Enqueue(FakeAzureFailure.RateLimited(retryAfterMs: 2500));

        var (response, body) = await _azure.PostJsonAsync("/v1/chat/completions", """{"model":"gpt4o","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("2500", response.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal("rate_limit_exceeded", body.GetProperty("error").GetProperty("code").GetString());
    }
}
