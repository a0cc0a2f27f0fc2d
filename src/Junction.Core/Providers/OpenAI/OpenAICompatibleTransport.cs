using System.Net.Http.Headers;
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
/// The HTTP and SSE plumbing shared by every OpenAI-compatible upstream (OpenAI, Azure OpenAI): JSON in and out,
/// event streams, multipart uploads, and non-success answers turned into errors through an <see cref="IUpstreamDialect"/>.
/// </summary>
internal sealed class OpenAICompatibleTransport
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private const int MaxTextBodyBytes = 32 * 1024 * 1024;

    private readonly UpstreamHttpClientPool _clients;
    private readonly TimeProvider _timeProvider;
    private readonly IUpstreamDialect _dialect;

    public OpenAICompatibleTransport(UpstreamHttpClientPool clients, TimeProvider timeProvider, IUpstreamDialect dialect)
    {
        _clients = clients;
        _timeProvider = timeProvider;
        _dialect = dialect;
    }

    /// <summary>Finds the <c>error</c> member that OpenAI-compatible servers put in a stream event.</summary>
    public static JsonElement? ErrorIn(Dictionary<string, JsonElement>? extra) =>
        extra is not null && extra.TryGetValue("error", out var e) ? e : null;

    public async Task<T> SendJsonAsync<T>(Uri uri, byte[] body, Deployment deployment, RequestContext context,
        JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = await CreateAsync(uri, UpstreamRequests.JsonContent(body), deployment, context, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(uri, request, deployment, cancellationToken).ConfigureAwait(false);
        try
        {
            using var answer = await PooledBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(answer.Span, typeInfo) ?? throw new JsonException("the body was JSON null");
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

    public async IAsyncEnumerable<T> StreamSseAsync<T>(Uri uri, byte[] body, Deployment deployment, RequestContext context,
        JsonTypeInfo<T> typeInfo, Func<T, JsonElement?> findError, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using var request = await CreateAsync(uri, UpstreamRequests.JsonContent(body), deployment, context, cancellationToken).ConfigureAwait(false);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await SendAsync(uri, request, deployment, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType &&
            !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(deployment.ProviderName, deployment.Id,
                $"expected an event stream but got '{mediaType}'"));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var chunk in SseChunkReader.ReadAsync(
                stream, typeInfo, findError,
                error => _dialect.MapStreamError(error, deployment),
                ex => UpstreamRequests.BrokenBody(deployment, ex),
                cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
    }

    /// <summary>
    /// Sends a transcription form: the text fields, <c>model</c> when <paramref name="model"/> is set, and the file
    /// streamed from its buffer (never copied into memory here). The answer is passed through with its content type.
    /// </summary>
    public async Task<TranscriptionResult> SendTranscriptionAsync(Uri uri, TranscriptionRequest transcription, string? model,
        Deployment deployment, RequestContext context, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent("junction-" + Guid.NewGuid().ToString("N"));
        if (model is not null)
        {
            form.Add(new StringContent(model), "model");
        }

        foreach (var (name, value) in transcription.Fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new StreamContent(transcription.File.OpenRead(), 64 * 1024);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(transcription.File.ContentType, out var type)
            ? type
            : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", transcription.File.FileName);

        using var request = await CreateAsync(uri, form, deployment, context, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(uri, request, deployment, cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = await UpstreamRequests.ReadCappedAsync(response.Content, MaxTextBodyBytes, cancellationToken).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.ToString()
                ?? (transcription.ResponseFormat is "json" or "verbose_json" ? "application/json" : "text/plain; charset=utf-8");
            return new TranscriptionResult(contentType, bytes);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw UpstreamRequests.BrokenBody(deployment, ex);
        }
    }

    private async Task<HttpRequestMessage> CreateAsync(Uri uri, HttpContent content, Deployment deployment, RequestContext context,
        CancellationToken cancellationToken)
    {
        var request = UpstreamRequests.Create(HttpMethod.Post, uri, context);
        request.Content = content;
        try
        {
            await _dialect.AuthorizeAsync(request, deployment, cancellationToken).ConfigureAwait(false);
            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    /// <summary>Sends and returns a success response; a non-success one is read, mapped and thrown.</summary>
    private async Task<HttpResponseMessage> SendAsync(Uri uri, HttpRequestMessage request, Deployment deployment, CancellationToken cancellationToken)
    {
        var response = await UpstreamRequests.SendAsync(_clients.Get(uri), request, deployment, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(response, deployment, cancellationToken).ConfigureAwait(false);
        }
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
        var requestId = Header(response, "x-request-id") ?? Header(response, "apim-request-id");
        return new JunctionException(_dialect.MapError((int)response.StatusCode, body, deployment, retryAfter, requestId));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
