using System.Text.Json;
using Junction.Resilience;
using Microsoft.AspNetCore.Http;

namespace Junction.Server.Errors;

/// <summary>
/// Errors on the Bedrock-native surface (<c>/bedrock/...</c>) in Bedrock's shape, which AWS SDKs parse: the status the
/// service model gives the exception, <c>x-amzn-ErrorType</c>, <c>x-amzn-RequestId</c> and <c>{"message":...}</c>.
/// A wrong or missing Junction key is answered like a bad AWS token: 403 <c>UnrecognizedClientException</c>.
/// </summary>
internal static class BedrockErrorWriter
{
    /// <summary>The Bedrock exception name and HTTP status for an error.</summary>
    public static (string Name, int Status) Classify(JunctionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            JunctionErrorKind.Authentication => ("UnrecognizedClientException", 403),
            JunctionErrorKind.PermissionDenied => ("AccessDeniedException", 403),
            JunctionErrorKind.NotFound => ("ResourceNotFoundException", 404),
            JunctionErrorKind.RateLimited => ("ThrottlingException", 429),
            JunctionErrorKind.QuotaExceeded => ("ServiceQuotaExceededException", 400),
            JunctionErrorKind.Timeout => ("ModelTimeoutException", 408),
            JunctionErrorKind.Unavailable => ("ServiceUnavailableException", 503),
            JunctionErrorKind.BadRequest or JunctionErrorKind.ContextWindowExceeded or JunctionErrorKind.ContentFiltered
                or JunctionErrorKind.PayloadTooLarge => ("ValidationException", 400),
            _ => ("InternalServerException", 500),
        };
    }

    /// <summary>The ConverseStream exception member for an error that happens after the stream started.</summary>
    public static string StreamExceptionName(JunctionError error) => Classify(error).Name switch
    {
        "ThrottlingException" => "throttlingException",
        "ValidationException" => "validationException",
        "ServiceUnavailableException" => "serviceUnavailableException",
        "ModelTimeoutException" => "modelStreamErrorException",
        _ => "internalServerException",
    };

    /// <summary><c>{"message":...}</c>.</summary>
    public static byte[] Body(JunctionError error) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["message"] = error.Message },
            Junction.Protocol.OpenAI.OpenAIJsonContext.Wire.DictionaryStringString);

    public static async Task WriteAsync(HttpContext context, JunctionError error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        var (name, status) = Classify(error);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = name;
        response.Headers["x-amzn-RequestId"] = response.Headers["x-request-id"].ToString();
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = RetryAfterParser.ToHeaderSeconds(wait);
        }

        if (error.UpstreamRequestId is { } upstreamId)
        {
            response.Headers["x-junction-upstream-request-id"] = upstreamId;
        }

        await response.Body.WriteAsync(Body(error), context.RequestAborted);
    }
}
