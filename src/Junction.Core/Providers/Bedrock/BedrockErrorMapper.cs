using System.Text.Json;
using Junction.Resilience;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Bedrock errors → <see cref="JunctionError"/> (PROTOCOLS §3.8). The exception name comes from the
/// <c>x-amzn-ErrorType</c> header (the part before <c>:</c>), else from the body's <c>__type</c>; stream exception
/// frames name it in lowerCamel (<c>throttlingException</c>), which is normalised to the same PascalCase names.
/// Known names decide status and kind; unknown ones fall back to the HTTP status. The message is Bedrock's own
/// (<c>message</c> or <c>Message</c>); other body members (<c>originalStatusCode</c>, <c>resourceName</c>, ...) go in
/// <see cref="JunctionError.Details"/>. <see cref="JunctionError.UpstreamRequestId"/> keeps <c>x-amzn-RequestId</c>.
/// <para>
/// Decisions: <c>ModelNotReadyException</c> arrives as 429 but means "cold model", so it is a retryable 503
/// Unavailable, not a rate limit. <c>ServiceQuotaExceededException</c> (HTTP 400 in the service model) is an account
/// quota, not a momentary rate: it becomes 429 <see cref="JunctionErrorKind.QuotaExceeded"/> (not retried on the same
/// deployment). <c>ModelErrorException</c> / <c>ModelStreamErrorException</c> (424) become 502. Context overflow is a
/// <c>ValidationException</c> whose message contains one of a few exact phrases (<see cref="IsContextOverflow"/>);
/// the match is kept tight so ordinary validation errors stay plain 400s.
/// </para>
/// </summary>
internal static class BedrockErrorMapper
{
    public const string ProviderName = "bedrock";

    private static readonly string[] ContextOverflowPhrases =
        ["input is too long", "too many input tokens", "prompt is too long", "context length"];

    public static JunctionError FromResponse(
        int status, string? errorTypeHeader, ReadOnlySpan<byte> body, string? requestId, TimeSpan? retryAfter, string deployment)
    {
        var parsed = ParseBody(body);
        var type = NormaliseType(errorTypeHeader) ?? NormaliseType(parsed.Type);
        var message = parsed.Message ?? $"Bedrock answered HTTP {status}{(type is null ? "" : $" ({type})")} without a message.";
        return Build(type, status, message, parsed.Details, requestId, retryAfter, deployment);
    }

    /// <summary>An event-stream frame with <c>:message-type</c> <c>exception</c>; the payload is <c>{"message":...}</c>.</summary>
    public static JunctionError FromStreamException(string exceptionType, ReadOnlySpan<byte> payload, string? requestId, string deployment)
    {
        var parsed = ParseBody(payload);
        var type = NormaliseType(exceptionType);
        var message = parsed.Message ?? $"Bedrock ended the stream with {type ?? "an exception"}.";
        return Build(type, 502, message, parsed.Details, requestId, null, deployment);
    }

    /// <summary>An event-stream frame with <c>:message-type</c> <c>error</c> (<c>:error-code</c>, <c>:error-message</c>).</summary>
    public static JunctionError FromStreamError(string? errorCode, string? errorMessage, string? requestId, string deployment)
    {
        var type = NormaliseType(errorCode);
        var message = errorMessage is { Length: > 0 } ? errorMessage : $"Bedrock ended the stream with error {type ?? "(no code)"}.";
        return Build(type, 502, message, null, requestId, null, deployment);
    }

    /// <summary>The tight context-overflow match on a ValidationException message (case-insensitive phrases).</summary>
    public static bool IsContextOverflow(string message)
    {
        foreach (var phrase in ContextOverflowPhrases)
        {
            if (message.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Name:namespace</c>, <c>ns#Name</c> and lowerCamel stream names → <c>Name</c>; null when empty.</summary>
    public static string? NormaliseType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var name = type.Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = name[..colon];
        }

        var hash = name.LastIndexOf('#');
        if (hash >= 0)
        {
            name = name[(hash + 1)..];
        }

        return name.Length == 0 ? null : char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static JunctionError Build(string? type, int fallbackStatus, string message,
        IReadOnlyDictionary<string, JsonElement>? details, string? requestId, TimeSpan? retryAfter, string deployment)
    {
        var (status, kind, code) = Classify(type, fallbackStatus, message);
        return new JunctionError(status, kind, ErrorType(kind), message)
        {
            Code = code,
            Provider = ProviderName,
            Deployment = deployment,
            RetryAfter = retryAfter,
            UpstreamRequestId = requestId,
            Details = details,
        };
    }

    private static (int Status, JunctionErrorKind Kind, string? Code) Classify(string? type, int status, string message) => type switch
    {
        "ThrottlingException" => (429, JunctionErrorKind.RateLimited, "rate_limit_exceeded"),
        "ValidationException" when IsContextOverflow(message) => (400, JunctionErrorKind.ContextWindowExceeded, "context_length_exceeded"),
        "ValidationException" => (400, JunctionErrorKind.BadRequest, null),
        "AccessDeniedException" => (403, JunctionErrorKind.PermissionDenied, "access_denied"),
        "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException" or "IncompleteSignatureException" or
            "MissingAuthenticationTokenException" => (401, JunctionErrorKind.Authentication, "upstream_authentication_failed"),
        "ResourceNotFoundException" => (404, JunctionErrorKind.NotFound, "model_not_found"),
        "ModelTimeoutException" => (408, JunctionErrorKind.Timeout, "model_timeout"),
        "ServiceUnavailableException" => (503, JunctionErrorKind.Unavailable, "service_unavailable"),
        "ModelNotReadyException" => (503, JunctionErrorKind.Unavailable, "model_not_ready"),
        "ModelErrorException" => (502, JunctionErrorKind.ServerError, "model_error"),
        "ModelStreamErrorException" => (502, JunctionErrorKind.ServerError, "model_stream_error"),
        "ServiceQuotaExceededException" => (429, JunctionErrorKind.QuotaExceeded, "insufficient_quota"),
        "InternalServerException" or "InternalFailure" => (500, JunctionErrorKind.ServerError, "internal_server_error"),
        _ => ByStatus(status),
    };

    private static (int Status, JunctionErrorKind Kind, string? Code) ByStatus(int status) => status switch
    {
        401 => (401, JunctionErrorKind.Authentication, "upstream_authentication_failed"),
        403 => (403, JunctionErrorKind.PermissionDenied, null),
        404 => (404, JunctionErrorKind.NotFound, "model_not_found"),
        408 => (408, JunctionErrorKind.Timeout, null),
        409 => (409, JunctionErrorKind.Conflict, null),
        413 => (413, JunctionErrorKind.PayloadTooLarge, null),
        424 => (502, JunctionErrorKind.ServerError, "model_error"),
        429 => (429, JunctionErrorKind.RateLimited, "rate_limit_exceeded"),
        503 => (503, JunctionErrorKind.Unavailable, null),
        >= 500 => (502, JunctionErrorKind.ServerError, null),
        _ => (400, JunctionErrorKind.BadRequest, null),
    };

    private static string ErrorType(JunctionErrorKind kind) => kind switch
    {
        JunctionErrorKind.RateLimited => "rate_limit_error",
        JunctionErrorKind.QuotaExceeded => "insufficient_quota",
        JunctionErrorKind.Authentication => "authentication_error",
        JunctionErrorKind.PermissionDenied => "permission_error",
        JunctionErrorKind.ServerError or JunctionErrorKind.Unavailable => "server_error",
        JunctionErrorKind.Timeout => "timeout",
        _ => JunctionErrors.InvalidRequestType,
    };

    private static (string? Message, string? Type, Dictionary<string, JsonElement>? Details) ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            string? message = null, type = null;
            Dictionary<string, JsonElement>? details = null;
            foreach (var member in document.RootElement.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "message" or "Message" when member.Value.ValueKind == JsonValueKind.String:
                        message ??= member.Value.GetString();
                        break;
                    case "__type" when member.Value.ValueKind == JsonValueKind.String:
                        type = member.Value.GetString();
                        break;
                    case "p":
                        break;
                    default:
                        (details ??= new(StringComparer.Ordinal))[member.Name] = member.Value.Clone();
                        break;
                }
            }

            return (string.IsNullOrEmpty(message) ? null : message, type, details);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }
}
