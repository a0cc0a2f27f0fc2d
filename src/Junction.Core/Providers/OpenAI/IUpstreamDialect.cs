using System.Text.Json;
using Junction.Resilience;
using Junction.Routing;

namespace Junction.Providers.OpenAI;

/// <summary>
/// What differs between OpenAI-compatible upstreams that share <see cref="OpenAICompatibleTransport"/>: how a request
/// is authorised and how an error body is read. OpenAI and Azure OpenAI implement it.
/// </summary>
internal interface IUpstreamDialect
{
    /// <summary>Adds the auth header(s) and any configured headers to an outgoing request.</summary>
    ValueTask AuthorizeAsync(HttpRequestMessage request, Deployment deployment, CancellationToken cancellationToken);

    /// <summary>A non-success answer (status, capped body, parsed retry-after, upstream request id) as an error value.</summary>
    JunctionError MapError(int status, ReadOnlySpan<byte> body, Deployment deployment, TimeSpan? retryAfter, string? upstreamRequestId);

    /// <summary>An <c>{"error":{...}}</c> object found inside an event stream.</summary>
    JunctionError MapStreamError(JsonElement error, Deployment deployment);
}
