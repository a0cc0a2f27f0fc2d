
namespace Junction.Providers.Bedrock;

/// <summary>A prompt-cache checkpoint: <c>{"type":"default","ttl":"5m|1h"}</c>.</summary>
internal sealed class CachePointBlock
{
    public string Type { get; set; } = "default";

    public string? Ttl { get; set; }
}
