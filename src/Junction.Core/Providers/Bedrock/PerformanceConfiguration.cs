
namespace Junction.Providers.Bedrock;

/// <summary><c>performanceConfig</c>: <c>latency</c> standard|optimized.</summary>
internal sealed class PerformanceConfiguration
{
    public string? Latency { get; set; }
}
