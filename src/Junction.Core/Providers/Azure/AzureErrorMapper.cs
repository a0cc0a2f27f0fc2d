using System.Text.Json;
using Junction.Providers.OpenAI;
using Junction.Resilience;

namespace Junction.Providers.Azure;

/// <summary>
/// Reads Azure OpenAI errors on top of <see cref="OpenAIErrorMapper"/>. Azure differs in three ways: the code may be
/// the status as a string (<c>"429"</c>); a content-filter refusal carries an inner error, spelled <c>innererror</c> /
/// <c>content_filter_result</c> on the wire and <c>inner_error</c> / <c>content_filter_results</c> in the spec; and
/// the v1 spec describes the error object without the <c>{"error": ...}</c> wrapper. The inner error is kept in
/// <see cref="JunctionError.Details"/> under the name the upstream used.
/// </summary>
internal static class AzureErrorMapper
{
    private const string ContentFilterCode = "content_filter";

    public static JunctionError FromResponse(
        int status, ReadOnlySpan<byte> body, string provider, string deployment, string? secret,
        TimeSpan? retryAfter, string? upstreamRequestId)
    {
        var wrapped = Wrap(body);
        var error = OpenAIErrorMapper.FromResponse(status, wrapped ?? body, provider, deployment, secret, retryAfter, upstreamRequestId);
        return Refine(error);
    }

    public static JunctionError FromStreamError(JsonElement error, string provider, string deployment, string? secret) =>
        Refine(OpenAIErrorMapper.FromStreamError(error, provider, deployment, secret));

    /// <summary>Whether an error object's members describe a content-filter refusal (either spelling).</summary>
    public static bool IsContentFilter(string? code, IReadOnlyDictionary<string, JsonElement>? details)
    {
        if (code is ContentFilterCode or "content_policy_violation")
        {
            return true;
        }

        if (details is null)
        {
            return false;
        }

        foreach (var name in (ReadOnlySpan<string>)["innererror", "inner_error"])
        {
            if (details.TryGetValue(name, out var inner) && inner.ValueKind == JsonValueKind.Object &&
                (inner.TryGetProperty("content_filter_result", out _) || inner.TryGetProperty("content_filter_results", out _) ||
                 (inner.TryGetProperty("code", out var innerCode) && innerCode.ValueKind == JsonValueKind.String &&
                  innerCode.ValueEquals("ResponsibleAIPolicyViolation"u8))))
            {
                return true;
            }
        }

        return false;
    }

    private static JunctionError Refine(JunctionError error)
    {
        if (IsContentFilter(error.Code, error.Details))
        {
            return error with
            {
                // An in-stream error has no status of its own; a filter refusal is the request's fault.
                Status = error.Status >= 500 ? 400 : error.Status,
                Kind = JunctionErrorKind.ContentFiltered,
                Code = error.Code is "content_policy_violation" ? error.Code : ContentFilterCode,
                Type = error.Type is "upstream_error" or "server_error" ? JunctionErrors.InvalidRequestType : error.Type,
            };
        }

        if (error.Code is { Length: 3 } code && int.TryParse(code, out var numeric) && numeric == error.Status)
        {
            // Azure puts the status in "code" ("429", "401"): give clients OpenAI's code instead.
            return error with { Code = error.Kind == JunctionErrorKind.RateLimited ? "rate_limit_exceeded" : null };
        }

        return error;
    }

    /// <summary>
    /// The v1 spec's unwrapped error (<c>{"code","message","param","type","inner_error"}</c> at the top level) wrapped
    /// as <c>{"error":{...}}</c>; null when the body is already wrapped or is not such an object.
    /// </summary>
    private static byte[]? Wrap(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("error", out _) || !root.TryGetProperty("message", out _))
            {
                return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return [.. "{\"error\":"u8, .. body, .. "}"u8];
    }
}
