using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Endpoints;

/// <summary><c>/health/liveness</c> (the process answers) and <c>/health/readiness</c> (config loaded, routes ready).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        endpoints.MapGet("/health/liveness", (RequestDelegate)(http => WriteAsync(http, "{\"status\":\"alive\"}")));
        endpoints.MapGet("/health/readiness", (RequestDelegate)(http =>
            WriteAsync(http, $"{{\"status\":\"ready\",\"models\":{runtime.Router.Table.Models.Length},\"version\":\"{JunctionInfo.Version}\"}}")));
        return endpoints;
    }

    private static Task WriteAsync(HttpContext http, string json)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json, http.RequestAborted);
    }
}
