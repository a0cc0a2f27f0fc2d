using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Junction.Server.Tests;

/// <summary>The offline path a new user takes first: the mock provider through the real server, driven by the official OpenAI SDK.</summary>
public sealed class MockProviderEndToEndTests : IAsyncLifetime
{
    private const string Config = """
        server: { host: 127.0.0.1, port: 0, max_request_body_mb: 1 }
        auth:
          master_key: ${JUNCTION_MASTER_KEY}
        models:
          - name: demo
            deployments:
              - provider: mock
          - name: demo-embed
            deployments:
              - provider: mock
        """;

    private const string MasterKey = "sk-junction-test-master-0123456789";
    private JunctionTestServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await JunctionTestServer.StartAsync(Config, new Dictionary<string, string> { ["JUNCTION_MASTER_KEY"] = MasterKey });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chat_WithOpenAISdk_ReturnsMockAnswerAndUsage()
    {
        var client = _server.OpenAI(MasterKey).GetChatClient("demo");
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("hello there")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("This is Junction's mock provider. You said: hello there", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task ChatStream_WithOpenAISdk_ConcatenatesToTheSameText()
    {
        var client = _server.OpenAI(MasterKey).GetChatClient("demo");
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("stream me")], cancellationToken: TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("This is Junction's mock provider. You said: stream me", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task ChatStream_WithoutIncludeUsage_HasNoUsageChunkAndEndsWithDone()
    {
        var body = """{"model":"demo","stream":true,"messages":[{"role":"user","content":"x"}]}""";
        var events = await PostSseAsync(body);

        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events[..^1], e => e.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatStream_WithIncludeUsage_EndsWithUsageOnlyChunkWithEmptyChoices()
    {
        var body = """{"model":"demo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}""";
        var events = await PostSseAsync(body);

        Assert.Equal("[DONE]", events[^1]);
        using var last = JsonDocument.Parse(events[^2]);
        Assert.Equal(0, last.RootElement.GetProperty("choices").GetArrayLength());
        Assert.True(last.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_NonAsciiText_IsWrittenAsRawUtf8LikeOpenAI(bool stream)
    {
        var body = $$"""{"model":"demo","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"héllo 世界 it's <b>"}]}""";
        using var response = await SendAsync("/v1/chat/completions", body);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        Assert.Contains(stream ? "世界" : "héllo 世界 it's <b>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_WithOpenAISdk_ReturnVectorsInOrder()
    {
        var client = _server.OpenAI(MasterKey).GetEmbeddingClient("demo-embed");
        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(["a", "b", "a"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Count);
        Assert.Equal(result[0].ToFloats().ToArray(), result[2].ToFloats().ToArray());
        Assert.NotEqual(result[0].ToFloats().ToArray(), result[1].ToFloats().ToArray());
    }

    [Fact]
    public async Task Models_ListAndGet_ShowPublicNames()
    {
        var models = _server.OpenAI(MasterKey).GetOpenAIModelClient();
        var list = await models.GetModelsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["demo", "demo-embed"], list.Value.Select(m => m.Id).ToArray());

        var one = await models.GetModelAsync("demo", TestContext.Current.CancellationToken);
        Assert.Equal("demo", one.Value.Id);

        var missing = await Assert.ThrowsAsync<ClientResultException>(() => models.GetModelAsync("nope", TestContext.Current.CancellationToken));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Auth_MissingOrWrongKey_Is401InOpenAIShape_AndNeverEchoesTheKey()
    {
        using var missing = await _server.Http.PostAsync("/v1/chat/completions", Json("""{"model":"demo","messages":[{"role":"user","content":"x"}]}"""), TestContext.Current.CancellationToken);
        await AssertErrorAsync(missing, HttpStatusCode.Unauthorized, "invalid_api_key");

        using var wrongRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json("""{"model":"demo","messages":[]}""") };
        wrongRequest.Headers.Authorization = new("Bearer", "sk-wrong-secret-value-123");
        using var wrong = await _server.Http.SendAsync(wrongRequest, TestContext.Current.CancellationToken);
        var text = await AssertErrorAsync(wrong, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.DoesNotContain("sk-wrong-secret-value-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-secret-value-123", _server.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(MasterKey, _server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_ApiKeyHeader_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json("""{"model":"demo","messages":[{"role":"user","content":"x"}]}""") };
        request.Headers.Add("api-key", MasterKey);
        using var response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"model":"demo","messages":[""", null, "We could not parse the JSON body")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature", "Invalid type for 'temperature'")]
    [InlineData("""{"model":"demo","messages":"hello"}""", "messages", "Invalid type for 'messages'")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":42}]}""", "messages[0].content", "'messages[0].content'")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model", "Missing required parameter: 'model'")]
    [InlineData("""{"model":"demo"}""", "messages", "Missing required parameter: 'messages'")]
    public async Task Chat_BadInput_Is400NamingTheField(string body, string? param, string messageStart)
    {
        using var response = await SendAsync("/v1/chat/completions", body);
        var text = await AssertErrorAsync(response, HttpStatusCode.BadRequest, null);
        using var doc = JsonDocument.Parse(text);
        var error = doc.RootElement.GetProperty("error");
        Assert.Contains(messageStart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Chat_UnknownModel_Is404ModelNotFoundWithHowToList()
    {
        using var response = await SendAsync("/v1/chat/completions", """{"model":"gpt-99","messages":[{"role":"user","content":"x"}]}""");
        var text = await AssertErrorAsync(response, HttpStatusCode.NotFound, "model_not_found");
        Assert.Contains("GET /v1/models", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_BodyOverLimit_Is413()
    {
        var big = new string('a', 2 * 1024 * 1024);
        using var response = await SendAsync("/v1/chat/completions", $$"""{"model":"demo","messages":[{"role":"user","content":"{{big}}"}]}""");
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task Chat_BodyOverLimitWithoutContentLength_Is413()
    {
        var big = Encoding.UTF8.GetBytes($$"""{"model":"demo","messages":[{"role":"user","content":"{{new string('a', 2 * 1024 * 1024)}}"}]}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StreamContent(new MemoryStream(big)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new("Bearer", MasterKey);
        using var response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task RequestId_ClientsSaneIdIsEchoed_OtherwiseGenerated()
    {
        using var mine = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        mine.Headers.Add("x-request-id", "client-id-123");
        mine.Headers.Authorization = new("Bearer", MasterKey);
        using var echoed = await _server.Http.SendAsync(mine, TestContext.Current.CancellationToken);
        Assert.Equal("client-id-123", echoed.Headers.GetValues("x-request-id").Single());

        using var insane = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        insane.Headers.TryAddWithoutValidation("x-request-id", "<script>");
        using var generated = await _server.Http.SendAsync(insane, TestContext.Current.CancellationToken);
        Assert.StartsWith("req_", generated.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, generated.StatusCode);
    }

    [Fact]
    public async Task Chat_Response_CarriesDeploymentAttemptsAndOverheadHeaders()
    {
        using var response = await SendAsync("/v1/chat/completions", """{"model":"demo","messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("demo/0", response.Headers.GetValues("x-junction-deployment").Single());
        Assert.Equal("1", response.Headers.GetValues("x-junction-attempts").Single());
        Assert.True(double.TryParse(response.Headers.GetValues("x-junction-overhead-ms").Single(), System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 0);
    }

    [Fact]
    public async Task Health_NeedsNoKey()
    {
        using var live = await _server.Http.GetAsync("/health/liveness", TestContext.Current.CancellationToken);
        using var ready = await _server.Http.GetAsync("/health/readiness", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLog_HasOneLinePerRequestWithModelAndStatus()
    {
        using var response = await SendAsync("/v1/chat/completions", """{"model":"demo","messages":[{"role":"user","content":"x"}]}""");
        var id = response.Headers.GetValues("x-request-id").Single();
        var lines = await _server.Logs.WaitForAsync(l => l.Contains("[Request]", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        Assert.Single(lines);
        Assert.Contains("model=demo", lines[0], StringComparison.Ordinal);
        Assert.Contains("200", lines[0], StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Authorization = new("Bearer", MasterKey);
        return await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> PostSseAsync(string body)
    {
        using var response = await SendAsync("/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => !e.StartsWith(':')).Select(e => e["data: ".Length..])];
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.Contains("x-request-id"));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(text);
        var error = doc.RootElement.GetProperty("error");
        Assert.True(error.TryGetProperty("message", out _));
        Assert.True(error.TryGetProperty("type", out _));
        Assert.True(error.TryGetProperty("param", out _));
        Assert.True(error.TryGetProperty("code", out var codeElement));
        if (code is not null)
        {
            Assert.Equal(code, codeElement.GetString());
        }

        return text;
    }
}
