
namespace Junction.Providers.Bedrock;

/// <summary>ConverseStream <c>metadata</c>: usage and metrics, sent after <c>messageStop</c>.</summary>
internal sealed class ConverseStreamMetadataEvent
{
    public TokenUsage? Usage { get; set; }

    public ConverseMetrics? Metrics { get; set; }
}
