using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>Reads and writes <see cref="ToolChoice"/> as a mode string or a verbatim object.</summary>
internal sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.String => ToolChoice.FromMode(reader.GetString()!),
            JsonTokenType.StartObject => ToolChoice.FromObject(JsonElement.ParseValue(ref reader)),
            _ => throw new JsonException("must be \"none\", \"auto\", \"required\" or an object"),
        };
    }

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
        }
        else
        {
            value.Raw!.Value.WriteTo(writer);
        }
    }
}
