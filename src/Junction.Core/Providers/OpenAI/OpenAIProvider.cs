using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Http;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;
using Junction.Streaming;

namespace Junction.Providers.OpenAI;

/// <summary>
/// OpenAI and any OpenAI-compatible server (vLLM, Ollama, LM Studio, ...). Transport only: the request
/// mapping and error classification live in <see cref="OpenAIRequestMapper"/> and <see cref="OpenAIErrorMapper"/>.
/// </summary>
public sealed class OpenAIProvider : IChatProvider, ICompletionProvider, IEmbeddingProvider
{
    public const string ProviderName = "openai";
    public const string DefaultBaseUrl = "https://api.openai.com/v1";
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly UpstreamHttpClientPool _clients;
    private readonly TimeProvider _timeProvider;

    public OpenAIProvider(UpstreamHttpClientPool clients, TimeProvider timeProvider)
    {
        _clients = clients;
        _timeProvider = timeProvider;
    }

    public string Name => ProviderName;

    public Task<ChatCompletionResponse> CompleteAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = OpenAIRequestMapper.ToChatBody(request, deployment.UpstreamModel, stream: false);
        return SendJsonAsync(settings.ChatCompletions, body, deployment, context, OpenAIJsonContext.Wire.ChatCompletionResponse, cancellationToken);
    }

    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = OpenAIRequestMapper.ToChatBody(request, deployment.UpstreamModel, stream: true);
        return StreamSseAsync(settings.ChatCompletions, body, deployment, context, OpenAIJsonContext.Wire.ChatCompletionChunk,
            static c => c.Extra is { } extra && extra.TryGetValue("error", out var e) ? e : null, cancellationToken);
    }

    public Task<CompletionResponse> CompleteTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = OpenAIRequestMapper.ToCompletionBody(request, deployment.UpstreamModel, stream: false);
        return SendJsonAsync(settings.Completions, body, deployment, context, OpenAIJsonContext.Wire.CompletionResponse, cancellationToken);
    }

    public IAsyncEnumerable<CompletionResponse> StreamTextAsync(CompletionRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = OpenAIRequestMapper.ToCompletionBody(request, deployment.UpstreamModel, stream: true);
        return StreamSseAsync(settings.Completions, body, deployment, context, OpenAIJsonContext.Wire.CompletionResponse,
            static c => c.Extra is { } extra && extra.TryGetValue("error", out var e) ? e : null, cancellationToken);
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(deployment);
        var body = OpenAIRequestMapper.ToEmbeddingBody(request, deployment.UpstreamModel);
        return SendJsonAsync(settings.Embeddings, body, deployment, context, OpenAIJsonContext.Wire.EmbeddingResponse, cancellationToken);
    }

    private static OpenAIDeploymentSettings Settings(Deployment deployment) =>
        deployment.GetSettings(OpenAIDeploymentSettings.From);

    private async Task<T> SendJsonAsync<T>(Uri uri, byte[] body, Deployment deployment, RequestContext context,
        JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(uri, body, deployment, context);
        using var response = await UpstreamRequests.SendAsync(_clients.Get(uri), request, deployment, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, deployment, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("the body was JSON null");
            }
        }
        catch (JsonException ex)
        {
            throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(deployment.ProviderName, deployment.Id,
                "the body is not the expected JSON"), ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw UpstreamRequests.BrokenBody(deployment, ex);
        }
    }

    private async IAsyncEnumerable<T> StreamSseAsync<T>(Uri uri, byte[] body, Deployment deployment, RequestContext context,
        JsonTypeInfo<T> typeInfo, Func<T, JsonElement?> findError, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using var request = CreateRequest(uri, body, deployment, context);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await UpstreamRequests.SendAsync(_clients.Get(uri), request, deployment, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, deployment, cancellationToken).ConfigureAwait(false);
        }

        if (response.Content.Headers.ContentType?.MediaType is { } mediaType &&
            !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(deployment.ProviderName, deployment.Id,
                $"expected an event stream but got '{mediaType}'"));
        }

        var secret = deployment.Options.ApiKey;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var chunk in SseChunkReader.ReadAsync(
                stream, typeInfo, findError,
                error => OpenAIErrorMapper.FromStreamError(error, deployment.ProviderName, deployment.Id, secret),
                ex => UpstreamRequests.BrokenBody(deployment, ex),
                cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
    }

    private static HttpRequestMessage CreateRequest(Uri uri, byte[] body, Deployment deployment, RequestContext context)
    {
        var settings = Settings(deployment);
        var request = UpstreamRequests.Create(HttpMethod.Post, uri, context);
        if (settings.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var (name, value) in settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Content = UpstreamRequests.JsonContent(body);
        return request;
    }

    private async Task<JunctionException> ErrorAsync(HttpResponseMessage response, Deployment deployment, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await UpstreamRequests.ReadCappedAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            body = [];
        }

        var retryAfter = RetryAfterParser.Parse(
            Header(response, "retry-after-ms"), Header(response, "Retry-After"), _timeProvider.GetUtcNow());
        var error = OpenAIErrorMapper.FromResponse((int)response.StatusCode, body, deployment.ProviderName, deployment.Id,
            deployment.Options.ApiKey, retryAfter, Header(response, "x-request-id"));
        return new JunctionException(error);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
