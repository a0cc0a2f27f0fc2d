
namespace Junction.Providers.Bedrock;

/// <summary><c>guardrailConfig</c>.</summary>
internal sealed class GuardrailConfiguration
{
    public string? GuardrailIdentifier { get; set; }

    public string? GuardrailVersion { get; set; }

    public string? Trace { get; set; }
}
