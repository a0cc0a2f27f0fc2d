using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Endpoints;

/// <summary><c>POST /v1/images/generations</c> for every provider that generates images.</summary>
internal static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        var router = runtime.Router;
        endpoints.MapPost("/v1/images/generations", (RequestDelegate)(http => GenerateAsync(http, router, null)));
        return endpoints;
    }

    /// <param name="http">The request.</param>
    /// <param name="router">The router.</param>
    /// <param name="routeModel">The public model named by the path (Azure's <c>{deployment}</c>); it replaces the body's <c>model</c>.</param>
    internal static async Task GenerateAsync(HttpContext http, JunctionRouter router, string? routeModel)
    {
        var context = http.Features.GetRequiredFeature<RequestContext>();
        var request = await RequestBodyReader.ReadAsync(http, OpenAIJsonContext.Wire.ImageGenerationRequest);
        request.Model = routeModel ?? request.Model;
        OpenAIEndpoints.Require(request.Model, "model");
        OpenAIEndpoints.Require(request.Prompt, "prompt");
        if (request.N is < 1 or > 10)
        {
            throw new JunctionException(JunctionErrors.InvalidRequest("Invalid value for 'n': must be between 1 and 10.", "n", "invalid_value"));
        }

        if (request.ResponseFormat is { } format && format is not ("url" or "b64_json"))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                "Invalid value for 'response_format': expected 'url' or 'b64_json'.", "response_format", "invalid_value"));
        }

        var response = await router.GenerateImageAsync(request, context, http.RequestAborted);
        await OpenAIEndpoints.WriteJsonAsync(http, context, response, OpenAIJsonContext.Wire.ImageGenerationResponse);
    }
}
