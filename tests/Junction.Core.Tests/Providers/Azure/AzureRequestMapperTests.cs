using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.Azure;

namespace Junction.Tests.Providers.Azure;

public class AzureRequestMapperTests
{
    private static ChatCompletionRequest Chat(string json) => JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionRequest)!;

    private static JsonElement Parse(byte[] body) => JsonDocument.Parse(body).RootElement;

    [Theory]
    [InlineData("2024-10-21")]
    [InlineData("v1")]
    public void ToChatBody_ModelBecomesDeploymentName(string apiVersion)
    {
        var body = Parse(AzureRequestMapper.ToChatBody(Chat("""{"model":"public-name","messages":[{"role":"user","content":"hi"}]}"""), "gpt4o-prod", apiVersion, stream: false));

        Assert.Equal("gpt4o-prod", body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
    }

    [Fact]
    public void ToChatBody_ToolsResponseFormatAndDataSources_PassThrough()
    {
        var request = Chat("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],"tool_choice":"required",
             "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}},
             "data_sources":[{"type":"azure_search","parameters":{"endpoint":"https://s"}}]}
            """);

        var body = Parse(AzureRequestMapper.ToChatBody(request, "d", "2024-10-21", stream: false));

        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("required", body.GetProperty("tool_choice").GetString());
        Assert.Equal("json_schema", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("azure_search", body.GetProperty("data_sources")[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("2024-10-21")]
    [InlineData("2024-09-01-preview")]
    [InlineData("2025-04-01-preview")]
    [InlineData("v1")]
    [InlineData("preview")]
    public void ToChatBody_StreamOnRecentVersion_AsksForUsage(string apiVersion)
    {
        var body = Parse(AzureRequestMapper.ToChatBody(Chat("""{"model":"m","messages":[]}"""), "d", apiVersion, stream: true));

        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Theory]
    [InlineData("2024-02-01")]
    [InlineData("2024-06-01")]
    [InlineData("2023-05-15")]
    public void ToChatBody_StreamOnOldVersion_SendsNoStreamOptions(string apiVersion)
    {
        var body = Parse(AzureRequestMapper.ToChatBody(Chat("""{"model":"m","messages":[]}"""), "d", apiVersion, stream: true));

        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public void ToCompletionBody_OldVersion_SendsNoStreamOptions()
    {
        var request = JsonSerializer.Deserialize("""{"model":"m","prompt":"p"}""", OpenAIJsonContext.Wire.CompletionRequest)!;

        var body = Parse(AzureRequestMapper.ToCompletionBody(request, "instruct", "2024-02-01", stream: true));

        Assert.Equal("instruct", body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public void ToEmbeddingBody_KeepsInputAndFormat()
    {
        var request = JsonSerializer.Deserialize("""{"model":"m","input":["a","b"],"encoding_format":"base64","dimensions":8}""", OpenAIJsonContext.Wire.EmbeddingRequest)!;

        var body = Parse(AzureRequestMapper.ToEmbeddingBody(request, "embed"));

        Assert.Equal("embed", body.GetProperty("model").GetString());
        Assert.Equal(2, body.GetProperty("input").GetArrayLength());
        Assert.Equal("base64", body.GetProperty("encoding_format").GetString());
        Assert.Equal(8, body.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public void ToImageBody_KeepsEveryField()
    {
        var request = JsonSerializer.Deserialize(
            """{"model":"m","prompt":"a corgi","n":1,"size":"1024x1024","quality":"hd","style":"vivid","response_format":"b64_json","user":"u","background":"transparent","output_format":"png","moderation":"low"}""",
            OpenAIJsonContext.Wire.ImageGenerationRequest)!;

        var body = Parse(AzureRequestMapper.ToImageBody(request, "dalle"));

        Assert.Equal("dalle", body.GetProperty("model").GetString());
        Assert.Equal("a corgi", body.GetProperty("prompt").GetString());
        Assert.Equal("b64_json", body.GetProperty("response_format").GetString());
        Assert.Equal("hd", body.GetProperty("quality").GetString());
        Assert.Equal("transparent", body.GetProperty("background").GetString());
        Assert.Equal("png", body.GetProperty("output_format").GetString());
        Assert.Equal("low", body.GetProperty("moderation").GetString());
    }

    [Theory]
    [InlineData("v1", "whisper")]
    [InlineData("preview", "whisper")]
    [InlineData("2024-10-21", null)]
    public void ToTranscriptionModel_OnlyV1SendsModel(string apiVersion, string? expected)
    {
        Assert.Equal(expected, AzureRequestMapper.ToTranscriptionModel("whisper", apiVersion));
    }
}
