using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Http;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Bedrock Runtime over HTTP: builds the request, authenticates it (SigV4 with the deployment's keys or the AWS
/// default chain, or a Bedrock API key as bearer), sends it, and turns failures into <see cref="JunctionException"/>s
/// through <see cref="BedrockErrorMapper"/>. Bodies are read by the caller.
/// </summary>
internal sealed class BedrockTransport
{
    public const string SigningName = "bedrock";
    public const string JsonMediaType = "application/json";
    public const string EventStreamMediaType = "application/vnd.amazon.eventstream";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string InputTokenCountHeader = "X-Amzn-Bedrock-Input-Token-Count";
    public const string OutputTokenCountHeader = "X-Amzn-Bedrock-Output-Token-Count";
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly KeyValuePair<string, string>[] SignedJsonHeaders = [new("content-type", JsonMediaType)];

    private readonly UpstreamHttpClientPool _clients;
    private readonly TimeProvider _timeProvider;
    private readonly AwsDefaultCredentials _defaultCredentials;

    public BedrockTransport(UpstreamHttpClientPool clients, TimeProvider timeProvider, AwsDefaultCredentials defaultCredentials)
    {
        _clients = clients;
        _timeProvider = timeProvider;
        _defaultCredentials = defaultCredentials;
    }

    /// <summary>POSTs <paramref name="body"/> and returns the response once its headers are in and its status is 2xx.</summary>
    public async Task<HttpResponseMessage> SendAsync(Uri uri, ReadOnlyMemory<byte> body, string accept, Deployment deployment,
        RequestContext context, CancellationToken cancellationToken)
    {
        var settings = deployment.GetSettings(BedrockDeploymentSettings.From);
        using var request = UpstreamRequests.Create(HttpMethod.Post, uri, context);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", JsonMediaType);
        request.Content = content;
        if (settings.BearerToken is { } token)
        {
            request.Headers.TryAddWithoutValidation(SigV4Signer.AuthorizationHeader, "Bearer " + token);
        }
        else
        {
            var credentials = settings.StaticCredentials ?? await _defaultCredentials.GetAsync(cancellationToken).ConfigureAwait(false);
            var signed = SigV4Signer.Sign("POST", uri, SignedJsonHeaders, body.Span, credentials, settings.Region, SigningName, _timeProvider.GetUtcNow());
            foreach (var (name, value) in signed.HeadersToAdd)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

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

    /// <summary>Reads a whole JSON body into <typeparamref name="T"/>; unreadable JSON is a 502 invalid response.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, Deployment deployment,
        CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, deployment, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw new JsonException("the body was JSON null");
        }
        catch (JsonException ex)
        {
            throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(deployment.ProviderName, deployment.Id,
                "the body is not the expected JSON") with { UpstreamRequestId = Header(response, RequestIdHeader) }, ex);
        }
    }

    /// <summary>The whole body as bytes; a broken connection is a 502 unreachable.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Deployment deployment, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw UpstreamRequests.BrokenBody(deployment, ex);
        }
    }

    /// <summary>
    /// The event-stream frames of a 2xx response as they arrive. A response that is not an event stream, a corrupt
    /// frame (CRC, lengths) or a truncated body is a <see cref="JunctionException"/>.
    /// </summary>
    public static async IAsyncEnumerable<EventStreamMessage> ReadFramesAsync(HttpResponseMessage response, Deployment deployment,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType &&
            !mediaType.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(deployment.ProviderName, deployment.Id,
                $"expected an event stream but got '{mediaType}'"));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var frames = EventStreamReader.ReadMessagesAsync(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await frames.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }
                    }
                    catch (EventStreamFormatException ex)
                    {
                        throw new JunctionException(JunctionErrors.UpstreamInvalidResponse(deployment.ProviderName, deployment.Id,
                            "a corrupt event-stream frame: " + ex.Message) with { UpstreamRequestId = Header(response, RequestIdHeader) }, ex);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                    {
                        throw UpstreamRequests.BrokenBody(deployment, ex);
                    }

                    yield return frames.Current;
                }
            }
            finally
            {
                await frames.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    /// <summary>An integer response header (the InvokeModel token counts), or null.</summary>
    public static int? IntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(Header(response, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

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

        var retryAfter = RetryAfterParser.Parse(null, Header(response, "Retry-After"), _timeProvider.GetUtcNow());
        return new JunctionException(BedrockErrorMapper.FromResponse((int)response.StatusCode, Header(response, ErrorTypeHeader), body,
            Header(response, RequestIdHeader), retryAfter, deployment.Id));
    }
}
