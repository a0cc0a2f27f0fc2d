
namespace Junction.Providers.Bedrock;

/// <summary><c>metrics</c> of a Converse response or the stream <c>metadata</c> event.</summary>
internal sealed class ConverseMetrics
{
    public long LatencyMs { get; set; }
}
