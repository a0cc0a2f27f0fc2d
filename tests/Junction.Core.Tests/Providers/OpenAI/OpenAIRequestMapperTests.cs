using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Providers.OpenAI;

namespace Junction.Tests.Providers.OpenAI;

public class OpenAIRequestMapperTests
{
    private static ChatCompletionRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionRequest)!;

    [Fact]
    public void ToChatBody_RewritesOnlyTheModel_AndKeepsUnknownFieldsVerbatim()
    {
        const string json = """
            {"model":"public","messages":[{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}}],"x_custom":1}],
             "temperature":0.7,"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string"}}},"strict":true}}],
             "tool_choice":{"type":"function","function":{"name":"f"}},"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}},
             "stop":"END","some_future_param":{"nested":[1,2,3]},"seed":42,"logit_bias":{"50256":-100}}
            """;
        var body = OpenAIRequestMapper.ToChatBody(Parse(json), "gpt-4o-2024-08-06", stream: false);

        using var expected = JsonDocument.Parse(json);
        using var actual = JsonDocument.Parse(body);
        Assert.Equal("gpt-4o-2024-08-06", actual.RootElement.GetProperty("model").GetString());
        foreach (var property in expected.RootElement.EnumerateObject().Where(p => p.Name != "model"))
        {
            Assert.True(JsonElement.DeepEquals(property.Value, actual.RootElement.GetProperty(property.Name)), property.Name);
        }

        Assert.Equal(expected.RootElement.EnumerateObject().Count(), actual.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public void ToChatBody_Stream_AlwaysAsksForUsage_AndKeepsOtherStreamOptions()
    {
        var request = Parse("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_obfuscation":false}}""");
        using var actual = JsonDocument.Parse(OpenAIRequestMapper.ToChatBody(request, "m", stream: true));
        var options = actual.RootElement.GetProperty("stream_options");
        Assert.True(options.GetProperty("include_usage").GetBoolean());
        Assert.False(options.GetProperty("include_obfuscation").GetBoolean());
        Assert.Null(request.StreamOptions!.IncludeUsage);
    }

    [Fact]
    public void ToEmbeddingBody_KeepsInputAndEncoding()
    {
        var request = JsonSerializer.Deserialize("""{"model":"e","input":[[1,2],[3]],"encoding_format":"base64","dimensions":256}""", OpenAIJsonContext.Wire.EmbeddingRequest)!;
        using var actual = JsonDocument.Parse(OpenAIRequestMapper.ToEmbeddingBody(request, "text-embedding-3-small"));
        Assert.Equal("[[1,2],[3]]", actual.RootElement.GetProperty("input").GetRawText());
        Assert.Equal("base64", actual.RootElement.GetProperty("encoding_format").GetString());
        Assert.Equal(256, actual.RootElement.GetProperty("dimensions").GetInt32());
        Assert.Equal("text-embedding-3-small", actual.RootElement.GetProperty("model").GetString());
    }
}
