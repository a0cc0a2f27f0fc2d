using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>Reads and writes <see cref="MessageContent"/> as a string or an array of parts.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.String => new MessageContent(reader.GetString()!),
            JsonTokenType.StartArray => new MessageContent(
                JsonSerializer.Deserialize(ref reader, OpenAIJsonContext.Wire.ListContentPart) ?? []),
            _ => throw new JsonException("must be a string or an array of content parts"),
        };
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Parts!, OpenAIJsonContext.Wire.ListContentPart);
        }
    }
}
