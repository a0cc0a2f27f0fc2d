using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Providers;

/// <summary>Image generation (<c>/v1/images/generations</c>).</summary>
public interface IImageProvider : IProvider
{
    Task<ImageGenerationResponse> GenerateImageAsync(ImageGenerationRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);
}
