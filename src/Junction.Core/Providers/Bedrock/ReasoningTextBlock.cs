
namespace Junction.Providers.Bedrock;

/// <summary>Reasoning text with the signature that must be sent back unchanged in later turns.</summary>
internal sealed class ReasoningTextBlock
{
    public string Text { get; set; } = "";

    public string? Signature { get; set; }
}
