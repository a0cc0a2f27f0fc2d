using System.Collections.Concurrent;
using System.Net;

namespace Junction.Http;

/// <summary>
/// One pooled <see cref="SocketsHttpHandler"/> per upstream origin, set up the way YARP's forwarder sets up
/// its client: no cookies, no redirects, no automatic decompression, no proxy discovery, a connect
/// timeout, and a bounded connection lifetime so DNS changes are picked up.
/// </summary>
public sealed class UpstreamHttpClientPool : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _connectTimeout;

    public UpstreamHttpClientPool(TimeSpan? connectTimeout = null) => _connectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10);

    /// <summary>The client for the origin (scheme, host, port) of <paramref name="uri"/>.</summary>
    public HttpMessageInvoker Get(Uri uri) =>
        _clients.GetOrAdd(uri.GetLeftPart(UriPartial.Authority), static (_, timeout) => Create(timeout), _connectTimeout);

    private static HttpMessageInvoker Create(TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            // Junction writes traceparent itself (see TraceParent) so it is never sent twice.
            ActivityHeadersPropagator = null,
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
