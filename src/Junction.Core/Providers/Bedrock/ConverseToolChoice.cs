
namespace Junction.Providers.Bedrock;

/// <summary><c>toolChoice</c>: a union of <c>auto</c>, <c>any</c> and <c>tool</c>.</summary>
internal sealed class ConverseToolChoice
{
    public AutoToolChoice? Auto { get; set; }

    public AnyToolChoice? Any { get; set; }

    public SpecificToolChoice? Tool { get; set; }
}
