using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using OpenAI.Audio;
using OpenAI.Images;

namespace Junction.Server.Tests;

/// <summary>/v1/images/generations and /v1/audio/* on the mock provider, and the 25 MB audio limit.</summary>
public sealed class MediaEndpointsTests : IAsyncLifetime
{
    private const string Config = """
        models:
          - name: demo
            deployments:
              - provider: mock
        """;

    private JunctionTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await JunctionTestServer.StartAsync(Config);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Images_Mock_B64IsAPngAndUrlIsADataUrl()
    {
        var client = _server.OpenAI().GetImageClient("demo");

        GeneratedImage bytes = await client.GenerateImageAsync("a corgi", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes }, TestContext.Current.CancellationToken);
        GeneratedImage url = await client.GenerateImageAsync("a corgi", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri }, TestContext.Current.CancellationToken);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.ImageBytes.ToArray()[..4]);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(bytes.ImageBytes.ToArray()), url.ImageUri.OriginalString);
    }

    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("text", "text/plain")]
    [InlineData("srt", "text/plain")]
    [InlineData("vtt", "text/vtt")]
    [InlineData("verbose_json", "application/json")]
    public async Task Transcription_Mock_EveryFormat(string format, string mediaType)
    {
        using var response = await PostAudioAsync("/v1/audio/transcriptions", new byte[48000], ("model", "demo"), ("response_format", format));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Mock transcription of speech.wav (48000 bytes).", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcription_LargeFileSpilledToDisk_StillForwardedWhole()
    {
        AudioTranscription result = await _server.OpenAI().GetAudioClient("demo").TranscribeAudioAsync(
            new MemoryStream(new byte[5 * 1024 * 1024]), "long.mp3", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Mock transcription of long.mp3 (5242880 bytes).", result.Text);
    }

    [Fact]
    public async Task Transcription_Over25MB_Is413WithClearMessage()
    {
        using var response = await PostAudioAsync("/v1/audio/transcriptions", new byte[(25 * 1024 * 1024) + 1], ("model", "demo"));

        Assert.Equal(413, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Equal("file", error.GetProperty("param").GetString());
        Assert.Contains("25 MB", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcription_NoFile_Is400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("demo"), "model" } };
        using var response = await _server.Http.PostAsync("/v1/audio/transcriptions", form, TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("'file'", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcription_JsonBody_Is400()
    {
        using var response = await _server.Http.PostAsync("/v1/audio/transcriptions",
            new StringContent("""{"model":"demo"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("multipart/form-data", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAudioAsync(string path, byte[] audio, params (string Name, string Value)[] fields)
    {
        using var form = AudioForm.Create(audio, fields);
        return await _server.Http.PostAsync(path, form, TestContext.Current.CancellationToken);
    }
}
