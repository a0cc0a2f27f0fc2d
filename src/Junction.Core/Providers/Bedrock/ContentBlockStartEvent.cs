
namespace Junction.Providers.Bedrock;

/// <summary>ConverseStream <c>contentBlockStart</c>: sent for tool-use blocks (text blocks usually have none).</summary>
internal sealed class ContentBlockStartEvent
{
    public int ContentBlockIndex { get; set; }

    public ContentBlockStart? Start { get; set; }
}
