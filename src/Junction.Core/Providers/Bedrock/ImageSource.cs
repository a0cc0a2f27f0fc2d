using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>The source of an image: base64 <c>bytes</c> (an <c>s3Location</c> stays in <see cref="Extra"/>).</summary>
internal sealed class ImageSource
{
    public string? Bytes { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
