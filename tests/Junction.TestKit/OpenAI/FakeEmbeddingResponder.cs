using System.Buffers;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// <c>POST /v1/embeddings</c>: <c>input</c> string | string[] | int[] | int[][]; one vector per input, of size
/// <c>dimensions</c> (default 8), from <see cref="FakeEmbeddingVector"/>; <c>encoding_format: "base64"</c> sends the
/// little-endian float32 bytes base64-encoded.
/// </summary>
internal static class FakeEmbeddingResponder
{
    public const int DefaultDimensions = 8;

    private const int MaxDimensions = 16384;

    public static async Task RespondAsync(FakeExchange exchange, ReadOnlyMemory<byte> body)
    {
        using JsonDocument? document = await exchange.ParseBodyAsync(body);
        if (document is null)
        {
            return;
        }

        JsonElement root = document.RootElement;
        if (FakeJson.GetString(root, "model") is not { Length: > 0 } model)
        {
            await exchange.SendErrorAsync(FakeApiError.MissingModel);
            return;
        }

        if (!root.TryGetProperty("input", out JsonElement input))
        {
            await exchange.SendErrorAsync(FakeApiError.MissingParameter("input"));
            return;
        }

        if (!IsValidInput(input))
        {
            await exchange.SendErrorAsync(FakeApiError.InvalidValue(
                "input", "'$.input' is invalid. Expected a string, an array of strings, an array of tokens or an array of token arrays."));
            return;
        }

        int dimensions = FakeJson.GetInt(root, "dimensions") ?? DefaultDimensions;
        if (dimensions is < 1 or > MaxDimensions)
        {
            await exchange.SendErrorAsync(FakeApiError.InvalidValue("dimensions", $"Invalid 'dimensions': {dimensions} is out of range."));
            return;
        }

        string? format = FakeJson.GetString(root, "encoding_format");
        if (format is not (null or "float" or "base64"))
        {
            await exchange.SendErrorAsync(FakeApiError.InvalidValue(
                "encoding_format", $"Invalid value: '{format}'. Supported values are: 'float' and 'base64'."));
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256 + (dimensions * 12));
        Utf8JsonWriter json = exchange.Json(buffer);
        WriteResponse(json, input, model, dimensions, format == "base64");
        json.Flush();
        await exchange.SendJsonAsync(buffer.WrittenMemory);
    }

    private static void WriteResponse(Utf8JsonWriter json, JsonElement input, string model, int dimensions, bool base64)
    {
        float[] vector = ArrayPool<float>.Shared.Rent(dimensions);
        int promptTokens = 0;
        try
        {
            json.WriteStartObject();
            json.WriteString("object"u8, "list"u8);
            json.WriteStartArray("data"u8);
            bool singleTokenArray = input.ValueKind == JsonValueKind.Array && input[0].ValueKind == JsonValueKind.Number;
            if (input.ValueKind == JsonValueKind.String || singleTokenArray)
            {
                promptTokens += WriteItem(json, input, 0, vector.AsSpan(0, dimensions), base64);
            }
            else
            {
                int index = 0;
                foreach (JsonElement item in input.EnumerateArray())
                {
                    promptTokens += WriteItem(json, item, index++, vector.AsSpan(0, dimensions), base64);
                }
            }

            json.WriteEndArray();
            json.WriteString("model"u8, model);
            json.WriteStartObject("usage"u8);
            json.WriteNumber("prompt_tokens"u8, promptTokens);
            json.WriteNumber("total_tokens"u8, promptTokens);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vector);
        }
    }

    /// <summary>Writes one <c>embedding</c> object and returns the input's token count.</summary>
    private static int WriteItem(Utf8JsonWriter json, JsonElement item, int index, Span<float> vector, bool base64)
    {
        int tokens;
        if (item.ValueKind == JsonValueKind.String)
        {
            string text = item.GetString()!;
            FakeEmbeddingVector.ForText(text, vector);
            tokens = FakeText.PromptTokens(text.Length);
        }
        else
        {
            int count = item.GetArrayLength();
            int[] ids = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
            int i = 0;
            foreach (JsonElement token in item.EnumerateArray())
            {
                ids[i++] = token.TryGetInt32(out int id) ? id : 0;
            }

            FakeEmbeddingVector.ForTokens(ids.AsSpan(0, count), vector);
            ArrayPool<int>.Shared.Return(ids);
            tokens = Math.Max(1, count);
        }

        json.WriteStartObject();
        json.WriteString("object"u8, "embedding"u8);
        json.WriteNumber("index"u8, index);
        if (base64)
        {
            json.WriteString("embedding"u8, FakeEmbeddingVector.ToBase64(vector));
        }
        else
        {
            json.WriteStartArray("embedding"u8);
            foreach (float value in vector)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        return tokens;
    }

    private static bool IsValidInput(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return true;
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            return false;
        }

        if (input[0].ValueKind == JsonValueKind.Number)
        {
            return AllNumbers(input);
        }

        foreach (JsonElement item in input.EnumerateArray())
        {
            bool valid = item.ValueKind == JsonValueKind.String
                || (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 0 && AllNumbers(item));
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllNumbers(JsonElement array)
    {
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                return false;
            }
        }

        return true;
    }
}
