using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The body of the legacy <c>POST /v1/completions</c>; <see cref="Prompt"/> is kept verbatim.</summary>
public sealed class CompletionRequest
{
    public string? Model { get; set; }
    public JsonElement? Prompt { get; set; }
    public bool? Stream { get; set; }
    public StreamOptions? StreamOptions { get; set; }
    public int? MaxTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? N { get; set; }
    public StopSequences? Stop { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public CompletionRequest ShallowCopy() => (CompletionRequest)MemberwiseClone();

    /// <summary>The prompt as text (the first prompt when an array of strings was sent).</summary>
    public string GetPromptText()
    {
        if (Prompt is not { } prompt)
        {
            return "";
        }

        return prompt.ValueKind switch
        {
            JsonValueKind.String => prompt.GetString()!,
            JsonValueKind.Array when prompt.GetArrayLength() > 0 && prompt[0].ValueKind == JsonValueKind.String => prompt[0].GetString()!,
            _ => "",
        };
    }
}
