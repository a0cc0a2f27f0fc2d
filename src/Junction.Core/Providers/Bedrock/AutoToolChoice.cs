
namespace Junction.Providers.Bedrock;

/// <summary><c>{"auto":{}}</c>: the model decides whether to call a tool.</summary>
internal sealed class AutoToolChoice
{
}
