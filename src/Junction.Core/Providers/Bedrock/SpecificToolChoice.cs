
namespace Junction.Providers.Bedrock;

/// <summary><c>{"tool":{"name":...}}</c>: the model must call this tool.</summary>
internal sealed class SpecificToolChoice
{
    public string Name { get; set; } = "";
}
