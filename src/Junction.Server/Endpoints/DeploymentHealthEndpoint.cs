using System.Text.Json;
using Junction.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Endpoints;

/// <summary>
/// <c>GET /health/deployments</c> (needs the key): each deployment's live state — healthy or cooling down until when,
/// requests in flight, requests and failures in the last minute, the recent error rate and average latency. Ids only:
/// no host or key is shown.
/// </summary>
internal static class DeploymentHealthEndpoint
{
    public static IEndpointRouteBuilder MapDeploymentHealth(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        endpoints.MapGet("/health/deployments", (RequestDelegate)(http => WriteAsync(http, runtime)));
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext http, JunctionRuntime runtime)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("time", now);
        json.WriteStartArray("deployments");
        foreach (var group in runtime.Router.Table.Models)
        {
            foreach (var d in group.Deployments)
            {
                var state = d.State;
                var requests = state.RequestsLastMinute(now);
                var failures = state.FailuresLastMinute(now);
                json.WriteStartObject();
                json.WriteString("id", d.Id);
                json.WriteString("model", group.Name);
                json.WriteString("provider", d.ProviderName);
                if (state.CooldownUntil(now) is { } until)
                {
                    json.WriteString("state", "cooling_down");
                    json.WriteString("cooldown_until", until);
                }
                else
                {
                    json.WriteString("state", RoutePlan.IsAtLimit(d, now) ? "at_limit" : "healthy");
                }

                json.WriteNumber("in_flight", state.InFlight);
                json.WriteNumber("requests_last_minute", requests);
                json.WriteNumber("failures_last_minute", failures);
                json.WriteNumber("error_rate", requests == 0 ? 0 : Math.Round(Math.Min(1.0, failures / (double)requests), 4));
                if (state.HasLatency)
                {
                    json.WriteNumber("latency_ms", Math.Round(state.LatencyAverage.TotalMilliseconds, 1));
                }
                else
                {
                    json.WriteNull("latency_ms");
                }

                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
