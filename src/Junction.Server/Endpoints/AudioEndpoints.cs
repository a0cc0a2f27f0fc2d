using Junction.Resilience;
using Junction.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Endpoints;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c> and <c>/v1/audio/translations</c>: the multipart upload is read once
/// (<see cref="AudioUpload"/>), sent on to the upstream, and the answer (json, text, srt, vtt, verbose_json) is passed
/// through with its content type.
/// </summary>
internal static class AudioEndpoints
{
    public static IEndpointRouteBuilder MapAudioEndpoints(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        var router = runtime.Router;
        endpoints.MapPost("/v1/audio/transcriptions", (RequestDelegate)(http => TranscribeAsync(http, router, null, translate: false)));
        endpoints.MapPost("/v1/audio/translations", (RequestDelegate)(http => TranscribeAsync(http, router, null, translate: true)));
        return endpoints;
    }

    /// <param name="http">The request.</param>
    /// <param name="router">The router.</param>
    /// <param name="routeModel">The public model named by the path (Azure's <c>{deployment}</c>); it replaces the form's <c>model</c>.</param>
    /// <param name="translate">Translation to English rather than transcription.</param>
    internal static async Task TranscribeAsync(HttpContext http, JunctionRouter router, string? routeModel, bool translate)
    {
        var context = http.Features.GetRequiredFeature<RequestContext>();
        await using var upload = await AudioUpload.ReadAsync(http);
        var request = upload.Request;
        request.Model = routeModel ?? request.Model;
        OpenAIEndpoints.Require(request.Model, "model");
        if (request.ResponseFormat is not ("json" or "text" or "srt" or "vtt" or "verbose_json"))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                "Invalid value for 'response_format': expected one of json, text, srt, verbose_json, vtt.", "response_format", "invalid_value"));
        }

        var result = translate
            ? await router.TranslateAsync(request, context, http.RequestAborted)
            : await router.TranscribeAsync(request, context, http.RequestAborted);

        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = result.ContentType;
        response.ContentLength = result.Body.Length;
        ResponseHeaders.Stamp(response, context);
        await response.Body.WriteAsync(result.Body, http.RequestAborted);
    }
}
