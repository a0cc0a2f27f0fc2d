using Junction.Providers.Bedrock;
using Junction.Resilience;
using Junction.Routing;
using Junction.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Endpoints;

/// <summary>
/// Writes a routed stream to a Bedrock-native client as <c>application/vnd.amazon.eventstream</c> frames, flushed as
/// they are made. A failure after the commit point becomes one exception frame (<c>:message-type exception</c>, as
/// Bedrock sends) and the response ends cleanly.
/// </summary>
internal static class BedrockEventStreamWriter
{
    public static async Task WriteAsync<T>(HttpContext http, RequestContext context, RoutedStream<T> stream,
        Func<T, IEnumerable<byte[]>> frames, Func<IEnumerable<byte[]>> closing)
        where T : class
    {
        await using var _ = stream;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = BedrockTransport.EventStreamMediaType;
        response.Headers["x-amzn-RequestId"] = context.RequestId;
        ResponseHeaders.Stamp(response, context);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cancellationToken = http.RequestAborted;
        try
        {
            await foreach (var item in stream.ReadAllAsync(cancellationToken))
            {
                foreach (var frame in frames(item))
                {
                    await response.Body.WriteAsync(frame, cancellationToken);
                }

                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (JunctionException ex)
        {
            await response.Body.WriteAsync(
                EventStreamWriter.EncodeException(BedrockErrorWriter.StreamExceptionName(ex.Error), BedrockErrorWriter.Body(ex.Error)), cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            return;
        }

        foreach (var frame in closing())
        {
            await response.Body.WriteAsync(frame, cancellationToken);
        }

        await response.Body.FlushAsync(cancellationToken);
    }
}
