
namespace Junction.Providers.Bedrock;

/// <summary><c>{"any":{}}</c>: the model must call some tool.</summary>
internal sealed class AnyToolChoice
{
}
