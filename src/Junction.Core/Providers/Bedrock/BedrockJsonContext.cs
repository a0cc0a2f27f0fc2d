using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Source-generated serialization for Bedrock bodies: Converse / ConverseStream (camelCase, as the service model
/// names them) and the model-native InvokeModel bodies (Cohere and Stability spell their members in snake_case
/// with <see cref="JsonPropertyNameAttribute"/>). Nulls are not written; unknown members are ignored on read.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConverseRequest))]
[JsonSerializable(typeof(ConverseResponse))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageStopEvent))]
[JsonSerializable(typeof(ConverseStreamMetadataEvent))]
[JsonSerializable(typeof(TitanEmbedRequest))]
[JsonSerializable(typeof(TitanEmbedResponse))]
[JsonSerializable(typeof(CohereEmbedRequest))]
[JsonSerializable(typeof(CohereEmbedResponse))]
[JsonSerializable(typeof(TitanImageRequest))]
[JsonSerializable(typeof(TitanImageResponse))]
[JsonSerializable(typeof(SdxlImageRequest))]
[JsonSerializable(typeof(SdxlImageResponse))]
[JsonSerializable(typeof(StableImageRequest))]
[JsonSerializable(typeof(StableImageResponse))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class BedrockJsonContext : JsonSerializerContext;
