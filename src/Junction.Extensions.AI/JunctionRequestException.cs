using Junction.Protocol.OpenAI;
using Junction.Resilience;

namespace Junction.Extensions.AI;

/// <summary>
/// A request Junction could not complete, with the same fields the proxy answers with: the OpenAI-style
/// <see cref="Status"/>, <see cref="ErrorType"/>, <see cref="Code"/> and <see cref="Param"/>, the <see cref="Provider"/>
/// that failed, the upstream's request id and Junction's <see cref="RequestId"/>. Cancellation is never wrapped:
/// it surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class JunctionRequestException : Exception
{
    public JunctionRequestException(JunctionError error, string requestId, Exception? innerException = null)
        : base(error?.Message, innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(requestId);
        Error = error;
        RequestId = requestId;
    }

    /// <summary>The error as the router produced it.</summary>
    public JunctionError Error { get; }

    /// <summary>The id of the failed request (also on the request span and the <c>RequestCompleted</c> record).</summary>
    public string RequestId { get; }

    /// <summary>The HTTP status the proxy would answer with (400, 404, 429, 502, 504, ...).</summary>
    public int Status => Error.Status;

    /// <summary>What went wrong in the router's terms.</summary>
    public JunctionErrorKind Kind => Error.Kind;

    /// <summary>OpenAI's <c>error.type</c> (<c>invalid_request_error</c>, <c>rate_limit_error</c>, <c>upstream_error</c>, ...).</summary>
    public string ErrorType => Error.Type;

    /// <summary>OpenAI's <c>error.code</c> (<c>model_not_found</c>, <c>rate_limit_exceeded</c>, ...).</summary>
    public string? Code => Error.Code;

    /// <summary>OpenAI's <c>error.param</c>: the request field at fault.</summary>
    public string? Param => Error.Param;

    /// <summary>The provider that produced the error; null for Junction's own errors.</summary>
    public string? Provider => Error.Provider;

    /// <summary>The deployment id that produced the error, when one did.</summary>
    public string? Deployment => Error.Deployment;

    /// <summary>The upstream's own request id, when it sent one.</summary>
    public string? UpstreamRequestId => Error.UpstreamRequestId;

    /// <summary>How long the upstream asked to wait before retrying.</summary>
    public TimeSpan? RetryAfter => Error.RetryAfter;

    /// <summary>Whether another attempt may succeed (rate limits, timeouts, unavailable upstreams).</summary>
    public bool IsRetryable => Error.IsRetryable;

    /// <summary>The body the proxy would send: <c>{"error":{"message","type","param","code","provider"}}</c>.</summary>
    public ErrorResponse ToErrorResponse() => Error.ToErrorResponse();

    internal static JunctionRequestException From(JunctionException exception, string requestId) =>
        new(exception.Error, requestId, exception);
}
