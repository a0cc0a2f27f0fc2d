using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Resilience;

/// <summary>
/// An error as a value: what the client will see (status and OpenAI error fields) and what the router
/// needs to decide (kind, retry-after). Upstream details that clients rely on (for example Azure's
/// content-filter results) travel in <see cref="Details"/> and are written into the error object.
/// </summary>
public sealed record JunctionError(int Status, JunctionErrorKind Kind, string Type, string Message)
{
    public string? Param { get; init; }
    public string? Code { get; init; }

    /// <summary>The provider that produced the error (<c>openai</c>, <c>azure</c>, ...), null for Junction's own.</summary>
    public string? Provider { get; init; }

    /// <summary>The deployment id that produced the error, for logs (never a host or key).</summary>
    public string? Deployment { get; init; }

    /// <summary>How long the upstream asked us to wait before trying again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The upstream's request id, when it sent one.</summary>
    public string? UpstreamRequestId { get; init; }

    /// <summary>Extra members of the upstream error object to pass on (e.g. <c>innererror</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Details { get; init; }

    /// <summary>Whether another attempt (on this or another deployment) may succeed.</summary>
    public bool IsRetryable => Kind is JunctionErrorKind.RateLimited or JunctionErrorKind.Timeout
        or JunctionErrorKind.Unavailable or JunctionErrorKind.ServerError or JunctionErrorKind.Conflict
        or JunctionErrorKind.InvalidResponse;

    /// <summary>The OpenAI-shaped body the proxy answers with: <c>{"error":{"message","type","param","code","provider",...}}</c>.</summary>
    public ErrorResponse ToErrorResponse() => new()
    {
        Error = new ErrorBody
        {
            Message = Message,
            Type = Type,
            Param = Param,
            Code = Code,
            Provider = Provider,
            Extra = Details is { Count: > 0 } details ? new Dictionary<string, JsonElement>(details, StringComparer.Ordinal) : null,
        },
    };
}
