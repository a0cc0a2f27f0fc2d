using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>Shared JSON writing pieces: writer options, the error object and the two usage shapes.</summary>
internal static class FakeJson
{
    /// <summary>UTF-8 passes through unescaped, as OpenAI sends it.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteError(Utf8JsonWriter writer, in FakeApiError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        WriteNullableString(writer, "param"u8, error.Param);
        WriteNullableString(writer, "code"u8, error.Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static byte[] ErrorBytes(in FakeApiError error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteError(writer, error);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Chat usage with the <c>*_tokens_details</c> objects.</summary>
    public static void WriteChatUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, promptTokens);
        writer.WriteNumber("completion_tokens"u8, completionTokens);
        writer.WriteNumber("total_tokens"u8, promptTokens + completionTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, 0);
        writer.WriteNumber("audio_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, 0);
        writer.WriteNumber("audio_tokens"u8, 0);
        writer.WriteNumber("accepted_prediction_tokens"u8, 0);
        writer.WriteNumber("rejected_prediction_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Legacy completions usage: just the three totals.</summary>
    public static void WriteLegacyUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, promptTokens);
        writer.WriteNumber("completion_tokens"u8, completionTokens);
        writer.WriteNumber("total_tokens"u8, promptTokens + completionTokens);
        writer.WriteEndObject();
    }

    public static void WriteNullableString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>The string value of <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? GetString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The integer value of <paramref name="name"/>, or null when absent or not an integer.</summary>
    public static int? GetInt(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n)
            ? n
            : null;

    public static bool GetBool(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;
}
