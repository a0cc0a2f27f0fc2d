using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Junction.Http;
using Junction.Protocol.OpenAI;
using Junction.Providers.OpenAI;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Providers.Azure;

/// <summary>
/// Azure OpenAI: dated api-versions (<c>/openai/deployments/{deployment}/...</c>) and the v1 API (<c>/openai/v1/...</c>).
/// Transport only: HTTP and SSE go through <see cref="OpenAICompatibleTransport"/>; URLs, bodies and errors are
/// <see cref="AzureUrlBuilder"/>, <see cref="AzureRequestMapper"/> and <see cref="AzureErrorMapper"/>. Azure's extra
/// response fields (<c>prompt_filter_results</c>, <c>content_filter_results</c>) travel in the DTOs' <c>Extra</c>.
/// </summary>
public sealed class AzureProvider : IChatProvider, ICompletionProvider, IEmbeddingProvider, IImageProvider, ITranscriptionProvider, IUpstreamDialect, IDisposable
{
    public const string ProviderName = "azure";

    private readonly OpenAICompatibleTransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<TokenCredential> _credential;
    private readonly ConcurrentDictionary<string, AzureTokenCache> _tokens = new(StringComparer.Ordinal);

    /// <param name="clients">The upstream connection pool.</param>
    /// <param name="timeProvider">The clock (token refresh and Retry-After dates).</param>
    /// <param name="credentialFactory">
    /// Creates the Entra credential on first use by an <c>auth: entra</c> deployment; Azure.Identity's
    /// <c>DefaultAzureCredential</c> when null. Tests pass a stub credential here; it goes through the same token cache.
    /// </param>
    public AzureProvider(UpstreamHttpClientPool clients, TimeProvider timeProvider, Func<TokenCredential>? credentialFactory = null)
    {
        _transport = new OpenAICompatibleTransport(clients, timeProvider, this);
        _timeProvider = timeProvider;
        _credential = new Lazy<TokenCredential>(credentialFactory ?? (static () => new global::Azure.Identity.DefaultAzureCredential()));
    }

    public string Name => ProviderName;

    public Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = AzureRequestMapper.ToChatBody(request, settings.DeploymentName, settings.ApiVersion, stream: false);
        return _transport.SendJsonAsync(settings.ChatCompletions, body, deployment, context, OpenAIJsonContext.Wire.ChatCompletionResponse, cancellationToken);
    }

    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = AzureRequestMapper.ToChatBody(request, settings.DeploymentName, settings.ApiVersion, stream: true);
        return _transport.StreamSseAsync(settings.ChatCompletions, body, deployment, context, OpenAIJsonContext.Wire.ChatCompletionChunk,
            static c => OpenAICompatibleTransport.ErrorIn(c.Extra), cancellationToken);
    }

    public Task<CompletionResponse> CompleteTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = AzureRequestMapper.ToCompletionBody(request, settings.DeploymentName, settings.ApiVersion, stream: false);
        return _transport.SendJsonAsync(settings.Completions, body, deployment, context, OpenAIJsonContext.Wire.CompletionResponse, cancellationToken);
    }

    public IAsyncEnumerable<CompletionResponse> StreamTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = AzureRequestMapper.ToCompletionBody(request, settings.DeploymentName, settings.ApiVersion, stream: true);
        return _transport.StreamSseAsync(settings.Completions, body, deployment, context, OpenAIJsonContext.Wire.CompletionResponse,
            static c => OpenAICompatibleTransport.ErrorIn(c.Extra), cancellationToken);
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = AzureRequestMapper.ToEmbeddingBody(request, settings.DeploymentName);
        return _transport.SendJsonAsync(settings.Embeddings, body, deployment, context, OpenAIJsonContext.Wire.EmbeddingResponse, cancellationToken);
    }

    public Task<ImageGenerationResponse> GenerateImageAsync(ImageGenerationRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = AzureRequestMapper.ToImageBody(request, settings.DeploymentName);
        return _transport.SendJsonAsync(settings.ImageGenerations, body, deployment, context, OpenAIJsonContext.Wire.ImageGenerationResponse, cancellationToken);
    }

    public Task<TranscriptionResult> TranscribeAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        return _transport.SendTranscriptionAsync(settings.AudioTranscriptions, request,
            AzureRequestMapper.ToTranscriptionModel(settings.DeploymentName, settings.ApiVersion), deployment, context, cancellationToken);
    }

    public Task<TranscriptionResult> TranslateAsync(TranscriptionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        return _transport.SendTranscriptionAsync(settings.AudioTranslations, request,
            AzureRequestMapper.ToTranscriptionModel(settings.DeploymentName, settings.ApiVersion), deployment, context, cancellationToken);
    }

    async ValueTask IUpstreamDialect.AuthorizeAsync(HttpRequestMessage request, Deployment deployment, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        string? token = null;
        if (settings.Auth.EntraScope is { } scope)
        {
            token = await GetEntraTokenAsync(scope, deployment, cancellationToken).ConfigureAwait(false);
        }

        settings.Auth.Apply(request, token);
        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    JunctionError IUpstreamDialect.MapError(int status, ReadOnlySpan<byte> body, Deployment deployment, TimeSpan? retryAfter, string? upstreamRequestId) =>
        AzureErrorMapper.FromResponse(status, body, deployment.ProviderName, deployment.Id, Settings(deployment).Secret, retryAfter, upstreamRequestId);

    JunctionError IUpstreamDialect.MapStreamError(JsonElement error, Deployment deployment) =>
        AzureErrorMapper.FromStreamError(error, deployment.ProviderName, deployment.Id, Settings(deployment).Secret);

    private async ValueTask<string> GetEntraTokenAsync(string scope, Deployment deployment, CancellationToken cancellationToken)
    {
        var cache = _tokens.GetOrAdd(scope, static (s, self) => new AzureTokenCache(self._credential.Value, s, self._timeProvider), this);
        try
        {
            return await cache.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The credential's message can name the sources it tried; it never holds a token.
            throw new JunctionException(new JunctionError(502, JunctionErrorKind.Authentication, "upstream_error",
                $"Could not get a Microsoft Entra token (scope '{scope}') for deployment '{deployment.Id}' (azure): {ex.GetType().Name}.")
            {
                Provider = deployment.ProviderName,
                Deployment = deployment.Id,
                Code = "upstream_auth_failed",
            }, ex);
        }
    }

    private static AzureDeploymentSettings Settings(Deployment deployment) =>
        deployment.GetSettings(AzureDeploymentSettings.From);

    public void Dispose()
    {
        foreach (var cache in _tokens.Values)
        {
            cache.Dispose();
        }
    }
}
