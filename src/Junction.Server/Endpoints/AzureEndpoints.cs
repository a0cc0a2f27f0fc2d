using Junction.Configuration;
using Junction.Resilience;
using Junction.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Endpoints;

/// <summary>
/// The Azure OpenAI data-plane paths, so that Azure SDK and Azure REST clients only change their endpoint:
/// <c>/openai/deployments/{deployment}/{operation}?api-version=YYYY-MM-DD[-preview]</c>, where <c>{deployment}</c> is a
/// Junction public model name, and <c>/openai/v1/{operation}</c>, where the body's <c>model</c> is. The answers are the
/// same objects as on <c>/v1</c>, so Azure's filter results are there whenever the upstream sent them.
/// </summary>
internal static class AzureEndpoints
{
    private const string Deployments = "/openai/deployments/{deployment}/";
    private const string V1 = "/openai/v1/";

    public static IEndpointRouteBuilder MapAzureEndpoints(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        var router = runtime.Router;
        MapBoth(endpoints, router, "chat/completions", OpenAIEndpoints.ChatAsync);
        MapBoth(endpoints, router, "completions", OpenAIEndpoints.CompletionsAsync);
        MapBoth(endpoints, router, "embeddings", OpenAIEndpoints.EmbeddingsAsync);
        MapBoth(endpoints, router, "images/generations", ImageEndpoints.GenerateAsync);
        MapBoth(endpoints, router, "audio/transcriptions", (http, r, model) => AudioEndpoints.TranscribeAsync(http, r, model, translate: false));
        MapBoth(endpoints, router, "audio/translations", (http, r, model) => AudioEndpoints.TranscribeAsync(http, r, model, translate: true));
        endpoints.MapGet(V1 + "models", (RequestDelegate)(http =>
        {
            CheckV1Version(http.Request);
            return OpenAIEndpoints.ListModelsAsync(http, runtime);
        }));
        endpoints.MapGet(V1 + "models/{**id}", (RequestDelegate)(http =>
        {
            CheckV1Version(http.Request);
            return OpenAIEndpoints.GetModelAsync(http, runtime);
        }));
        return endpoints;
    }

    private static void MapBoth(IEndpointRouteBuilder endpoints, JunctionRouter router, string operation,
        Func<HttpContext, JunctionRouter, string?, Task> handler)
    {
        endpoints.MapPost(Deployments + operation, (RequestDelegate)(http =>
        {
            CheckDatedVersion(http.Request);
            return handler(http, router, Deployment(http, router));
        }));
        endpoints.MapPost(V1 + operation, (RequestDelegate)(http =>
        {
            CheckV1Version(http.Request);
            return handler(http, router, null);
        }));
    }

    /// <summary>The <c>{deployment}</c> segment, which must name a Junction model (Azure answers 404 DeploymentNotFound otherwise).</summary>
    private static string Deployment(HttpContext http, JunctionRouter router)
    {
        var deployment = (string)http.GetRouteValue("deployment")!;
        if (!router.Table.TryGetGroup(deployment, out _))
        {
            throw new JunctionException(new JunctionError(404, JunctionErrorKind.NotFound, JunctionErrors.InvalidRequestType,
                $"The deployment '{deployment}' does not exist on this Junction gateway. On the Azure-shaped paths the deployment " +
                "segment is a Junction model name; list them with GET /openai/v1/models.")
            { Code = "DeploymentNotFound" });
        }

        return deployment;
    }

    /// <summary>Deployment paths need a dated api-version, as on Azure: <c>YYYY-MM-DD</c> or <c>YYYY-MM-DD-preview</c>.</summary>
    private static void CheckDatedVersion(HttpRequest request)
    {
        var version = request.Query["api-version"].ToString();
        if (version.Length == 0)
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                "Missing required query parameter 'api-version'. Use a dated version such as ?api-version=2024-10-21.",
                "api-version", "missing_api_version"));
        }

        if (!AzureApiVersion.IsDated(version))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                $"Unsupported api-version '{Printable(version)}' for /openai/deployments paths. Use a dated version YYYY-MM-DD or " +
                "YYYY-MM-DD-preview (for example 2024-10-21), or call /openai/v1/... for the v1 API.",
                "api-version", "invalid_api_version"));
        }
    }

    /// <summary>The v1 paths take no api-version, or <c>v1</c> / <c>preview</c>.</summary>
    private static void CheckV1Version(HttpRequest request)
    {
        var version = request.Query["api-version"].ToString();
        if (version.Length > 0 && !AzureApiVersion.IsV1(version))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest(
                $"Unsupported api-version '{Printable(version)}' for /openai/v1 paths. Leave it out, or use 'v1' or 'preview'.",
                "api-version", "invalid_api_version"));
        }
    }

    /// <summary>The version as given, cut short and limited to safe characters, for an error message.</summary>
    private static string Printable(string version)
    {
        var text = version.Length > 40 ? version[..40] + "..." : version;
        return string.Concat(text.Select(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '?'));
    }
}
