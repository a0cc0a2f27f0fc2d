using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;

namespace Junction.Tests.Providers.Bedrock;

/// <summary>Test helpers: parse OpenAI / Bedrock JSON, serialise through the source-generated contexts, compare normalised JSON.</summary>
internal static class BedrockJson
{
    public static ChatCompletionRequest Chat(string json) =>
        JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ChatCompletionRequest)!;

    public static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "bedrock", name));

    public static JsonNode Node<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, typeInfo))!;

    public static JsonNode Converse(ConverseRequest request) => Node(request, BedrockJsonContext.Default.ConverseRequest);

    /// <summary>Asserts structural JSON equality (member order and whitespace ignored), showing both sides on failure.</summary>
    public static void AssertJsonEqual(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual),
            $"JSON differs.\nExpected: {expectedNode?.ToJsonString()}\nActual:   {actual?.ToJsonString()}");
    }
}
