using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Resilience;

namespace Junction.Providers.OpenAI;

/// <summary>
/// Classifies an OpenAI-shaped upstream error: by HTTP status first, then by the structured
/// <c>type</c>/<c>code</c>, and only last by a tightly scoped message match. The upstream's type, code,
/// param and message are kept (the deployment's own key is scrubbed from the message), and unknown members
/// of the error object (Azure's <c>innererror</c>, ...) are passed on.
/// </summary>
internal static class OpenAIErrorMapper
{
    public static JunctionError FromResponse(
        int status, ReadOnlySpan<byte> body, string provider, string deployment, string? secret,
        TimeSpan? retryAfter, string? upstreamRequestId)
    {
        var parsed = TryParse(body);
        var code = parsed?.Code;
        var type = parsed?.Type;
        var message = parsed?.Message is { Length: > 0 } m
            ? Scrub(m, secret)
            : $"The upstream answered HTTP {status} without an OpenAI-shaped error body.";

        var kind = Classify(status, type, code, message);
        return new JunctionError(status, kind, type ?? DefaultType(kind), message)
        {
            Code = code ?? DefaultCode(kind),
            Param = parsed?.Param,
            Provider = provider,
            Deployment = deployment,
            RetryAfter = retryAfter,
            UpstreamRequestId = upstreamRequestId,
            Details = parsed?.Extra,
        };
    }

    /// <summary>An error object found inside a stream (<c>data: {"error":{...}}</c>).</summary>
    public static JunctionError FromStreamError(JsonElement error, string provider, string deployment, string? secret)
    {
        // The element is the value of the event's "error" member; accept a still-wrapped {"error":{...}} too.
        var inner = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error", out var wrapped) ? wrapped : error;
        ErrorBody? parsed = null;
        try
        {
            parsed = inner.ValueKind == JsonValueKind.Object ? inner.Deserialize(OpenAIJsonContext.Wire.ErrorBody) : null;
        }
        catch (JsonException)
        {
        }

        var body = parsed ?? new ErrorBody();
        if (body.Message.Length == 0)
        {
            body.Message = "The upstream reported an error in the stream.";
        }
        var status = body.Type switch
        {
            "invalid_request_error" => 400,
            "rate_limit_error" or "requests" or "tokens" => 429,
            _ => 502,
        };
        var message = Scrub(body.Message, secret);
        var kind = Classify(status, body.Type, body.Code, message);
        return new JunctionError(status, kind, body.Type ?? DefaultType(kind), message)
        {
            Code = body.Code,
            Param = body.Param,
            Provider = provider,
            Deployment = deployment,
            Details = body.Extra,
        };
    }

    public static JunctionErrorKind Classify(int status, string? type, string? code, string message) => status switch
    {
        400 when code is "context_length_exceeded" || type is "context_length_exceeded" => JunctionErrorKind.ContextWindowExceeded,
        400 when code is "content_filter" or "content_policy_violation" => JunctionErrorKind.ContentFiltered,
        400 when code is null && message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase) =>
            JunctionErrorKind.ContextWindowExceeded,
        400 or 422 => JunctionErrorKind.BadRequest,
        401 => JunctionErrorKind.Authentication,
        403 => JunctionErrorKind.PermissionDenied,
        404 => JunctionErrorKind.NotFound,
        408 => JunctionErrorKind.Timeout,
        409 => JunctionErrorKind.Conflict,
        413 => JunctionErrorKind.PayloadTooLarge,
        429 when code is "insufficient_quota" || type is "insufficient_quota" => JunctionErrorKind.QuotaExceeded,
        429 => JunctionErrorKind.RateLimited,
        >= 500 => JunctionErrorKind.ServerError,
        _ => JunctionErrorKind.BadRequest,
    };

    private static ErrorBody? TryParse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, OpenAIJsonContext.Wire.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Scrub(string message, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length < 8 ? message : message.Replace(secret, "***", StringComparison.Ordinal);

    private static string DefaultType(JunctionErrorKind kind) => kind switch
    {
        JunctionErrorKind.RateLimited or JunctionErrorKind.QuotaExceeded => "rate_limit_error",
        JunctionErrorKind.Authentication => "authentication_error",
        JunctionErrorKind.PermissionDenied => "permission_error",
        JunctionErrorKind.ServerError or JunctionErrorKind.Unavailable => "server_error",
        JunctionErrorKind.Timeout => "timeout",
        _ => JunctionErrors.InvalidRequestType,
    };

    private static string? DefaultCode(JunctionErrorKind kind) => kind switch
    {
        JunctionErrorKind.RateLimited => "rate_limit_exceeded",
        JunctionErrorKind.ContextWindowExceeded => "context_length_exceeded",
        JunctionErrorKind.ContentFiltered => "content_filter",
        _ => null,
    };
}
