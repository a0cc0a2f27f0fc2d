using System.Text.Json;
using Junction.Http;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Providers.OpenAI;

/// <summary>
/// OpenAI and any OpenAI-compatible server (vLLM, Ollama, LM Studio, ...). Transport only: the HTTP plumbing is
/// <see cref="OpenAICompatibleTransport"/>, the request mapping and error classification live in
/// <see cref="OpenAIRequestMapper"/> and <see cref="OpenAIErrorMapper"/>.
/// </summary>
public sealed class OpenAIProvider : IChatProvider, ICompletionProvider, IEmbeddingProvider, IImageProvider, ITranscriptionProvider, IUpstreamDialect
{
    public const string ProviderName = "openai";
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    private readonly OpenAICompatibleTransport _transport;

    public OpenAIProvider(UpstreamHttpClientPool clients, TimeProvider timeProvider) =>
        _transport = new OpenAICompatibleTransport(clients, timeProvider, this);

    public string Name => ProviderName;

    public Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var body = OpenAIRequestMapper.ToChatBody(request, deployment.UpstreamModel, stream: false);
        return _transport.SendJsonAsync(Settings(deployment).ChatCompletions, body, deployment, context, OpenAIJsonContext.Wire.ChatCompletionResponse, cancellationToken);
    }

    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var body = OpenAIRequestMapper.ToChatBody(request, deployment.UpstreamModel, stream: true);
        return _transport.StreamSseAsync(Settings(deployment).ChatCompletions, body, deployment, context, OpenAIJsonContext.Wire.ChatCompletionChunk,
            static c => OpenAICompatibleTransport.ErrorIn(c.Extra), cancellationToken);
    }

    public Task<CompletionResponse> CompleteTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var body = OpenAIRequestMapper.ToCompletionBody(request, deployment.UpstreamModel, stream: false);
        return _transport.SendJsonAsync(Settings(deployment).Completions, body, deployment, context, OpenAIJsonContext.Wire.CompletionResponse, cancellationToken);
    }

    public IAsyncEnumerable<CompletionResponse> StreamTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var body = OpenAIRequestMapper.ToCompletionBody(request, deployment.UpstreamModel, stream: true);
        return _transport.StreamSseAsync(Settings(deployment).Completions, body, deployment, context, OpenAIJsonContext.Wire.CompletionResponse,
            static c => OpenAICompatibleTransport.ErrorIn(c.Extra), cancellationToken);
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var body = OpenAIRequestMapper.ToEmbeddingBody(request, deployment.UpstreamModel);
        return _transport.SendJsonAsync(Settings(deployment).Embeddings, body, deployment, context, OpenAIJsonContext.Wire.EmbeddingResponse, cancellationToken);
    }

    public Task<ImageGenerationResponse> GenerateImageAsync(ImageGenerationRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var body = OpenAIRequestMapper.ToImageBody(request, deployment.UpstreamModel);
        return _transport.SendJsonAsync(Settings(deployment).ImageGenerations, body, deployment, context, OpenAIJsonContext.Wire.ImageGenerationResponse, cancellationToken);
    }

    public Task<TranscriptionResult> TranscribeAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken) =>
        _transport.SendTranscriptionAsync(Settings(deployment).AudioTranscriptions, request, deployment.UpstreamModel, deployment, context, cancellationToken);

    public Task<TranscriptionResult> TranslateAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken) =>
        _transport.SendTranscriptionAsync(Settings(deployment).AudioTranslations, request, deployment.UpstreamModel, deployment, context, cancellationToken);

    ValueTask IUpstreamDialect.AuthorizeAsync(HttpRequestMessage request, Deployment deployment, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        if (settings.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return ValueTask.CompletedTask;
    }

    JunctionError IUpstreamDialect.MapError(int status, ReadOnlySpan<byte> body, Deployment deployment, TimeSpan? retryAfter, string? upstreamRequestId) =>
        OpenAIErrorMapper.FromResponse(status, body, deployment.ProviderName, deployment.Id, deployment.Options.ApiKey, retryAfter, upstreamRequestId);

    JunctionError IUpstreamDialect.MapStreamError(JsonElement error, Deployment deployment) =>
        OpenAIErrorMapper.FromStreamError(error, deployment.ProviderName, deployment.Id, deployment.Options.ApiKey);

    private static OpenAIDeploymentSettings Settings(Deployment deployment) =>
        deployment.GetSettings(OpenAIDeploymentSettings.From);
}
