using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>A legacy completion (<c>object: text_completion</c>); streamed chunks have the same shape.</summary>
public sealed class CompletionResponse
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "text_completion";
    public long Created { get; set; }
    public string Model { get; set; } = "";
    public List<CompletionChoice> Choices { get; set; } = [];
    public Usage? Usage { get; set; }
    public string? SystemFingerprint { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore]
    public bool IsUsageOnly => Choices.Count == 0 && Usage is not null;
}
