using System.Text.Json;
using OpenAI.Audio;
using OpenAI.Embeddings;
using OpenAI.Images;

namespace Junction.Server.Tests.Azure;

/// <summary>The OpenAI SDK (and raw HTTP) → Junction's /v1 surface → a fake Azure resource: completions, embeddings, images, audio.</summary>
public sealed class AzureUpstreamMediaTests : IAsyncLifetime
{
    private static readonly byte[] Audio = [.. Enumerable.Range(0, 3000).Select(i => (byte)i)];
    private AzureFixture _azure = null!;

    public async ValueTask InitializeAsync() => _azure = await AzureFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task Completions_Raw_ReachDatedPathAndKeepFilterResults()
    {
        var (response, body) = await _azure.PostJsonAsync("/v1/completions", """{"model":"instruct","prompt":"Say"}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(" completed by instruct", body.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.True(body.TryGetProperty("prompt_filter_results", out _));
        Assert.Equal("/openai/deployments/instruct/completions", Assert.Single(_azure.Fake.Calls).Path);
    }

    [Fact]
    public async Task Embeddings_OpenAISdk_Base64RoundTrips()
    {
        var client = _azure.Server.OpenAI(AzureFixture.MasterKey).GetEmbeddingClient("embed");

        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(["a", "b"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Count);
        Assert.Equal(0.2f, result[1].ToFloats().Span[1], 5);
        var call = Assert.Single(_azure.Fake.Calls);
        Assert.Equal("/openai/deployments/embed/embeddings", call.Path);
        Assert.Equal(AzureFixture.UpstreamKey, call.Headers["api-key"]);
        _azure.AssertClientKeyNeverUpstream();
    }

    [Fact]
    public async Task Images_OpenAISdk_UrlAndBase64()
    {
        var client = _azure.Server.OpenAI(AzureFixture.MasterKey).GetImageClient("dalle");

        GeneratedImage byUrl = await client.GenerateImageAsync("a corgi", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, TestContext.Current.CancellationToken);
        GeneratedImage inline = await client.GenerateImageAsync("a corgi", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes }, TestContext.Current.CancellationToken);

        Assert.Equal("https://fake-azure.blob.core.windows.net/images/generated-0.png", byUrl.ImageUri.AbsoluteUri);
        Assert.Equal("A revised a corgi", byUrl.RevisedPrompt);
        Assert.Equal("fake-azure-png", inline.ImageBytes.ToString());
        Assert.All(_azure.Fake.Calls, c => Assert.Equal("/openai/deployments/dalle3/images/generations", c.Path));
    }

    [Fact]
    public async Task Images_Raw_KeepAzureFilterResultsPerImage()
    {
        var (_, body) = await _azure.PostJsonAsync("/v1/images/generations", """{"model":"dalle","prompt":"a corgi","response_format":"b64_json"}""");

        var image = body.GetProperty("data")[0];
        Assert.True(image.TryGetProperty("content_filter_results", out _));
        Assert.True(image.TryGetProperty("prompt_filter_results", out _));
    }

    [Fact]
    public async Task Transcription_OpenAISdk_ReachesDatedPathWithoutModelField()
    {
        var client = _azure.Server.OpenAI(AzureFixture.MasterKey).GetAudioClient("whisper");

        AudioTranscription transcription = await client.TranscribeAudioAsync(new MemoryStream(Audio), "speech.wav", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Azure transcribed speech.wav (3000 bytes)", transcription.Text);
        var call = Assert.Single(_azure.Fake.Calls);
        Assert.Equal("/openai/deployments/whisper/audio/transcriptions", call.Path);
        Assert.Equal(3000, call.FileLength);
        Assert.DoesNotContain(call.FormFields, f => f.Key == "model");
        _azure.AssertClientKeyNeverUpstream();
    }

    [Fact]
    public async Task Translation_V1Deployment_SendsDeploymentAsModelField()
    {
        var client = _azure.Server.OpenAI(AzureFixture.MasterKey).GetAudioClient("whisper-v1");

        AudioTranslation translation = await client.TranslateAudioAsync(new MemoryStream(Audio), "speech.wav", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Azure translated speech.wav (3000 bytes)", translation.Text);
        var call = Assert.Single(_azure.Fake.Calls);
        Assert.Equal("/openai/v1/audio/translations", call.Path);
        Assert.Contains(call.FormFields, f => f.Key == "model" && f.Value == "whisper");
    }

    [Theory]
    [InlineData("text", "text/plain", "Azure transcribed speech.wav (3000 bytes)\n")]
    [InlineData("srt", "text/plain", "1\n00:00:00,000 --> 00:00:02,000\n")]
    [InlineData("vtt", "text/plain", "WEBVTT\n\n")]
    public async Task Transcription_TextFormats_PassedThroughWithContentType(string format, string mediaType, string expectedStart)
    {
        using var response = await _azure.PostAudioAsync("/v1/audio/transcriptions", Audio, ("model", "whisper"), ("response_format", format), ("language", "en"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(expectedStart, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var call = Assert.Single(_azure.Fake.Calls);
        Assert.Contains(call.FormFields, f => f.Key == "response_format" && f.Value == format);
        Assert.Contains(call.FormFields, f => f.Key == "language" && f.Value == "en");
    }

    [Fact]
    public async Task Transcription_VerboseJson_PassedThrough()
    {
        using var response = await _azure.PostAudioAsync("/v1/audio/transcriptions", Audio, ("model", "whisper"), ("response_format", "verbose_json"));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("transcribe", body.GetProperty("task").GetString());
        Assert.Equal(2.0, body.GetProperty("duration").GetDouble());
        Assert.Single(body.GetProperty("segments").EnumerateArray());
    }
}
