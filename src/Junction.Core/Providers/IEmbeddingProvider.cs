using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Providers;

/// <summary>Embeddings (<c>/v1/embeddings</c>).</summary>
public interface IEmbeddingProvider : IProvider
{
    Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);
}
