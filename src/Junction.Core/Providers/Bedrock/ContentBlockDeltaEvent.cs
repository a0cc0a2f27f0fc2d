
namespace Junction.Providers.Bedrock;

/// <summary>ConverseStream <c>contentBlockDelta</c>.</summary>
internal sealed class ContentBlockDeltaEvent
{
    public int ContentBlockIndex { get; set; }

    public ContentBlockDelta? Delta { get; set; }
}
