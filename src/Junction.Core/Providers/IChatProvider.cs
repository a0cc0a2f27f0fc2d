using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Providers;

/// <summary>Chat completions. Failures are thrown as <see cref="Resilience.JunctionException"/> with an upstream error kind.</summary>
public interface IChatProvider : IProvider
{
    Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Streams chunks as they arrive. Junction always wants the final usage: providers ask their upstream for it
    /// and yield it as a usage-only chunk (<c>choices: []</c>); the router decides whether the client sees it.
    /// </summary>
    IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);
}
