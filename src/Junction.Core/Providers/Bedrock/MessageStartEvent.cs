
namespace Junction.Providers.Bedrock;

/// <summary>ConverseStream <c>messageStart</c>.</summary>
internal sealed class MessageStartEvent
{
    public string? Role { get; set; }
}
