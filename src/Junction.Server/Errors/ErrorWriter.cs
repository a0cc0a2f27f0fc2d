using System.Text.Json;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Microsoft.AspNetCore.Http;

namespace Junction.Server.Errors;

/// <summary>The only place that turns a <see cref="JunctionError"/> into an HTTP answer in OpenAI's shape.</summary>
internal static class ErrorWriter
{
    public static ErrorResponse ToBody(JunctionError error) => error.ToErrorResponse();

    public static async Task WriteAsync(HttpContext context, JunctionError error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<BedrockErrorShape>() is not null)
        {
            await BedrockErrorWriter.WriteAsync(context, error);
            return;
        }

        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = RetryAfterParser.ToHeaderSeconds(wait);
            response.Headers["retry-after-ms"] = ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (error.UpstreamRequestId is { } upstreamId)
        {
            response.Headers["x-junction-upstream-request-id"] = upstreamId;
        }

        await JsonSerializer.SerializeAsync(response.BodyWriter, ToBody(error), OpenAIJsonContext.Wire.ErrorResponse, context.RequestAborted);
    }
}
