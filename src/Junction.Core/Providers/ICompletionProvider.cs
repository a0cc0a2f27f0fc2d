using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Providers;

/// <summary>Legacy text completions (<c>/v1/completions</c>).</summary>
public interface ICompletionProvider : IProvider
{
    Task<CompletionResponse> CompleteTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);

    IAsyncEnumerable<CompletionResponse> StreamTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);
}
