using System.Net;
using System.Net.Http.Headers;
using Junction.Resilience;
using Junction.Routing;
using Junction.Telemetry;

namespace Junction.Http;

/// <summary>Sending to an upstream: HTTP version policy, trace propagation, and network failures turned into errors.</summary>
public static class UpstreamRequests
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    /// <summary>A request with Junction's standard headers; HTTP/2 is used when a TLS upstream offers it.</summary>
    public static HttpRequestMessage Create(HttpMethod method, Uri uri, RequestContext context)
    {
        var request = new HttpRequestMessage(method, uri);
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        request.Headers.TryAddWithoutValidation("traceparent", JunctionTelemetry.CurrentAttemptId() ?? context.UpstreamTraceParent);
        if (context.TraceState is { } traceState)
        {
            request.Headers.TryAddWithoutValidation("tracestate", traceState);
        }

        return request;
    }

    /// <summary>JSON body content with an exact Content-Length (no chunked encoding).</summary>
    public static ByteArrayContent JsonContent(byte[] utf8Json)
    {
        var content = new ByteArrayContent(utf8Json);
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>Sends and returns once the response headers are in; network failures become <see cref="JunctionException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpMessageInvoker client, HttpRequestMessage request, Deployment deployment, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JunctionException(
                JunctionErrors.UpstreamUnreachable(deployment.ProviderName, deployment.Id, Describe(ex)), ex);
        }
    }

    /// <summary>A failure while reading a response body (connection reset, truncation).</summary>
    public static JunctionException BrokenBody(Deployment deployment, Exception ex) =>
        new(JunctionErrors.UpstreamUnreachable(deployment.ProviderName, deployment.Id,
            "the connection closed before the response was complete"), ex);

    /// <summary>Reads at most about <paramref name="maxBytes"/> of an (error) body; the rest is left unread.</summary>
    public static async Task<byte[]> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while (buffer.Length < maxBytes &&
                   (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>A short, secret-free description of a network failure.</summary>
    public static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection was refused or could not be established",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.HttpProtocolError => "the upstream broke the HTTP protocol",
        HttpRequestError.ResponseEnded => "the upstream closed the connection before answering",
        HttpRequestError.InvalidResponse => "the upstream sent an invalid HTTP response",
        _ => ex.InnerException is TimeoutException ? "the connection attempt timed out" : "a network error occurred",
    };
}
