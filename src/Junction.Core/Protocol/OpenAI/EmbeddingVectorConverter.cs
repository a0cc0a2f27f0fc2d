using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>Reads and writes <see cref="EmbeddingVector"/> as a float array or a base64 string.</summary>
internal sealed class EmbeddingVectorConverter : JsonConverter<EmbeddingVector>
{
    public override EmbeddingVector? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return EmbeddingVector.FromBase64(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("embedding must be an array of numbers or a base64 string");
        }

        var values = new List<float>(1536);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetSingle());
        }

        return EmbeddingVector.FromFloats([.. values]);
    }

    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        if (value.Base64 is not null)
        {
            writer.WriteStringValue(value.Base64);
            return;
        }

        writer.WriteStartArray();
        foreach (var f in value.Floats!)
        {
            writer.WriteNumberValue(f);
        }

        writer.WriteEndArray();
    }
}
