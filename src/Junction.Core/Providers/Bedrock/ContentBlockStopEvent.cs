
namespace Junction.Providers.Bedrock;

/// <summary>ConverseStream <c>contentBlockStop</c>.</summary>
internal sealed class ContentBlockStopEvent
{
    public int ContentBlockIndex { get; set; }
}
