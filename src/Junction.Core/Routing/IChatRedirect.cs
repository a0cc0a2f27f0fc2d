using Junction.Protocol.OpenAI;

namespace Junction.Routing;

/// <summary>Decides, per chat request, whether it goes to another public model than the one asked for (percentage rollouts).</summary>
public interface IChatRedirect
{
    /// <summary>The model to route to instead, or null to keep <paramref name="model"/>.</summary>
    string? Redirect(string model, ChatCompletionRequest request, RequestContext context);
}
