using System.Globalization;
using Junction.Routing;
using Microsoft.AspNetCore.Http;

namespace Junction.Server.Endpoints;

/// <summary>Junction's response headers: which deployment answered, how many attempts, and the time Junction added.</summary>
internal static class ResponseHeaders
{
    public static void Stamp(HttpResponse response, RequestContext context)
    {
        var headers = response.Headers;
        if (context.ServedBy is { } deployment)
        {
            headers["x-junction-deployment"] = deployment.Id;
        }

        if (context.FallbackModel is { } fallback)
        {
            headers["x-junction-fallback-model"] = fallback;
        }

        if (context.DroppedParams is { Count: > 0 } dropped)
        {
            headers["x-junction-dropped-params"] = string.Join(',', dropped);
        }

        headers["x-junction-attempts"] = context.AttemptCount.ToString(CultureInfo.InvariantCulture);
        headers["x-junction-overhead-ms"] = context.Overhead.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
