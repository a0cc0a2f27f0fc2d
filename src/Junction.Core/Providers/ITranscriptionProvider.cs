using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Providers;

/// <summary>Speech to text (<c>/v1/audio/transcriptions</c>) and speech to English text (<c>/v1/audio/translations</c>) over a multipart upload.</summary>
public interface ITranscriptionProvider : IProvider
{
    Task<TranscriptionResult> TranscribeAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);

    Task<TranscriptionResult> TranslateAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken);
}
