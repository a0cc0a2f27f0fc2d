using System.ClientModel;
using System.Text;
using Azure.AI.OpenAI;
using Azure.AI.OpenAI.Chat;
using OpenAI.Audio;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Images;

namespace Junction.Server.Tests.Azure;

/// <summary>
/// The Azure.AI.OpenAI SDK (AzureOpenAIClient, key = the Junction key, endpoint = Junction) → Junction's Azure-shaped
/// surface → the mock provider and a fake Azure resource: a service on the Azure SDK changes only its endpoint.
/// </summary>
public sealed class AzureInboundTests : IAsyncLifetime
{
    private AzureFixture _azure = null!;

    public async ValueTask InitializeAsync() => _azure = await AzureFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _azure.DisposeAsync();

    /// <summary>The Azure SDK pinned to the latest dated GA version, so it calls the /openai/deployments paths.</summary>
    private AzureOpenAIClient AzureSdk() =>
        new(_azure.Server.BaseUrl, new ApiKeyCredential(AzureFixture.MasterKey),
            new AzureOpenAIClientOptions(AzureOpenAIClientOptions.ServiceVersion.V2024_10_21) { NetworkTimeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task AzureSdk_ChatOnMockDeployment_Answers()
    {
        ChatCompletion completion = await AzureSdk().GetChatClient("demo").CompleteChatAsync([new UserChatMessage("hello azure")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("This is Junction's mock provider. You said: hello azure", completion.Content[0].Text);
        Assert.Contains("POST /openai/deployments/demo/chat/completions 200", _azure.Server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureSdk_ChatOnAzureDeployment_KeepsFilterResults()
    {
        ChatCompletion completion = await AzureSdk().GetChatClient("gpt4o").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Hello from Azure deployment gpt4o-prod.", completion.Content[0].Text);
#pragma warning disable AOAI001 // the filter-result accessors are marked experimental
        var response = completion.GetResponseContentFilterResult();
        var prompt = completion.GetRequestContentFilterResult();
#pragma warning restore AOAI001
        Assert.NotNull(response);
        Assert.False(response.Hate.Filtered);
        Assert.NotNull(prompt);
        _azure.AssertClientKeyNeverUpstream();
    }

    [Fact]
    public async Task AzureSdk_ChatStream_ConcatenatesText()
    {
        var text = new StringBuilder();
        await foreach (var update in AzureSdk().GetChatClient("gpt4o").CompleteChatStreamingAsync([new UserChatMessage("stream")], cancellationToken: TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Hello from Azure deployment gpt4o-prod.", text.ToString());
    }

    [Fact]
    public async Task AzureSdk_Embeddings_OnMockAndAzure()
    {
        OpenAIEmbedding mock = await AzureSdk().GetEmbeddingClient("demo").GenerateEmbeddingAsync("text", cancellationToken: TestContext.Current.CancellationToken);
        OpenAIEmbedding azure = await AzureSdk().GetEmbeddingClient("embed").GenerateEmbeddingAsync("text", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(16, mock.ToFloats().Length);
        Assert.Equal(4, azure.ToFloats().Length);
    }

    [Fact]
    public async Task AzureSdk_ImagesAndAudio_OnMock()
    {
        GeneratedImage image = await AzureSdk().GetImageClient("demo").GenerateImageAsync("a corgi",
            new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes }, TestContext.Current.CancellationToken);
        AudioTranscription transcript = await AzureSdk().GetAudioClient("demo").TranscribeAudioAsync(new MemoryStream(new byte[100]), "a.wav",
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((byte)0x89, image.ImageBytes.ToArray()[0]);
        Assert.Equal("Mock transcription of a.wav (100 bytes).", transcript.Text);
    }

    [Fact]
    public async Task AzureSdk_ImagesAndAudio_OnAzure()
    {
        GeneratedImage image = await AzureSdk().GetImageClient("dalle").GenerateImageAsync("a corgi", cancellationToken: TestContext.Current.CancellationToken);
        AudioTranslation translation = await AzureSdk().GetAudioClient("whisper").TranslateAudioAsync(new MemoryStream(new byte[10]), "b.wav",
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("A revised a corgi", image.RevisedPrompt);
        Assert.Equal("Azure translated b.wav (10 bytes)", translation.Text);
    }

    [Fact]
    public async Task AzureSdk_UnknownDeployment_Is404()
    {
        var ex = await Assert.ThrowsAsync<ClientResultException>(() =>
            AzureSdk().GetChatClient("no-such-model").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(404, ex.Status);
        Assert.Contains("DeploymentNotFound", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureRest_ContentFilter_KeepsOpenAIShapeWithInnerError()
    {
        _azure.Fake.Enqueue(TestKit.Azure.FakeAzureFailure.ContentFilterWire());

        var (response, body) = await _azure.PostJsonAsync("/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21",
            """{"messages":[{"role":"user","content":"bad"}]}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("content_filter", body.GetProperty("error").GetProperty("code").GetString());
        Assert.True(body.GetProperty("error").GetProperty("innererror").TryGetProperty("content_filter_result", out _));
    }

    [Theory]
    [InlineData("/openai/deployments/demo/chat/completions", "missing_api_version")]
    [InlineData("/openai/deployments/demo/chat/completions?api-version=latest", "invalid_api_version")]
    [InlineData("/openai/deployments/demo/chat/completions?api-version=v1", "invalid_api_version")]
    [InlineData("/openai/v1/chat/completions?api-version=2024-10-21", "invalid_api_version")]
    public async Task AzureRest_BadApiVersion_Is400WithClearMessage(string path, string code)
    {
        var (response, body) = await _azure.PostJsonAsync(path, """{"model":"demo","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("api-version", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("/openai/deployments/demo/chat/completions?api-version=2024-10-21")]
    [InlineData("/openai/deployments/demo/chat/completions?api-version=2023-05-15")]
    [InlineData("/openai/deployments/demo/chat/completions?api-version=2025-04-01-preview")]
    [InlineData("/openai/v1/chat/completions")]
    [InlineData("/openai/v1/chat/completions?api-version=preview")]
    [InlineData("/openai/deployments/ft:gpt-4o-mini:acme::abc123/chat/completions?api-version=2024-10-21")]
    public async Task AzureRest_AcceptedApiVersions_Answer(string path)
    {
        var (response, body) = await _azure.PostJsonAsync(path, """{"model":"demo","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
    }

    [Fact]
    public async Task AzureRest_ApiKeyHeaderWrong_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/deployments/demo/embeddings?api-version=2024-10-21")
        {
            Content = new StringContent("""{"input":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", "wrong-key");
        using var response = await _azure.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task OpenAISdk_OnAzureV1Surface_ListsModelsAndChats()
    {
        var client = new global::OpenAI.OpenAIClient(new ApiKeyCredential(AzureFixture.MasterKey),
            new global::OpenAI.OpenAIClientOptions { Endpoint = new Uri(_azure.Server.BaseUrl, "/openai/v1") });

        var models = await client.GetOpenAIModelClient().GetModelsAsync(TestContext.Current.CancellationToken);
        ChatCompletion completion = await client.GetChatClient("gpt4o-v1").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(models.Value, m => m.Id == "gpt4o");
        Assert.Equal("Hello from Azure deployment gpt4o-v1.", completion.Content[0].Text);
    }

    [Fact]
    public async Task AzureRest_Audio_MultipartOnDeploymentPath()
    {
        using var response = await _azure.PostAudioAsync("/openai/deployments/demo/audio/transcriptions?api-version=2024-10-21", new byte[32000], ("response_format", "srt"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("1\n00:00:00,000 --> 00:00:02,000\nMock transcription of speech.wav (32000 bytes).\n\n",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
