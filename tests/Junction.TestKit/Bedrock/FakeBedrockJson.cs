using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Junction.TestKit.Bedrock;

/// <summary>Source-generated JSON for the fake's few typed values; bodies are built with <see cref="JsonNode"/>.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class FakeBedrockJson : JsonSerializerContext;
