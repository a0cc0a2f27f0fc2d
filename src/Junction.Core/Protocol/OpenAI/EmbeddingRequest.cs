using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The body of <c>POST /v1/embeddings</c>. <see cref="Input"/> is kept verbatim (string, string[], int[] or int[][]).</summary>
public sealed class EmbeddingRequest
{
    public string? Model { get; set; }
    public JsonElement? Input { get; set; }
    public string? EncodingFormat { get; set; }
    public int? Dimensions { get; set; }
    public string? User { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public EmbeddingRequest ShallowCopy() => (EmbeddingRequest)MemberwiseClone();

    /// <summary>The inputs as strings, for providers that need text; null when the input is token arrays.</summary>
    public IReadOnlyList<string>? GetTextInputs()
    {
        if (Input is not { } input)
        {
            return null;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return [input.GetString()!];
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var texts = new List<string>(input.GetArrayLength());
        foreach (var item in input.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            texts.Add(item.GetString()!);
        }

        return texts;
    }
}
