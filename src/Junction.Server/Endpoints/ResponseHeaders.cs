using System.Globalization;
using Junction.Routing;
using Microsoft.AspNetCore.Http;

namespace Junction.Server.Endpoints;

/// <summary>
/// Junction's response headers: which deployment answered, how many attempts, the time Junction added, and what the
/// request cost (<c>x-junction-cost</c>, USD) with the usage it was computed from (<c>x-junction-usage</c>). Streams send
/// their headers before the usage is known: they carry the cost in an SSE comment before <c>data: [DONE]</c>.
/// </summary>
internal static class ResponseHeaders
{
    public const string CostHeader = "x-junction-cost";
    public const string CostStatusHeader = "x-junction-cost-status";
    public const string UsageHeader = "x-junction-usage";

    /// <summary>The cost in USD, invariant culture, up to 6 decimals; null when unknown.</summary>
    public static string? Cost(RequestContext context) =>
        context.Cost is { } cost ? Math.Round(cost, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture) : null;

    /// <summary><c>prompt=12;completion=34;cached=0</c> (plus <c>images=</c>, <c>audio_seconds=</c>, <c>estimated=1</c> when they apply); null without usage.</summary>
    public static string? Usage(RequestContext context)
    {
        var parts = new List<string>(5);
        if (context.Usage is { } usage)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"prompt={usage.PromptTokens};completion={usage.CompletionTokens};cached={usage.PromptTokensDetails?.CachedTokens ?? 0}"));
        }

        if (context.Media is { Images: > 0 } images)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"images={images.Images}"));
        }

        if (context.Media?.AudioSeconds is { } seconds)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"audio_seconds={seconds:0.###}"));
        }

        if (context.UsageEstimated)
        {
            parts.Add("estimated=1");
        }

        return parts.Count == 0 ? null : string.Join(';', parts);
    }

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

        if (Cost(context) is { } cost)
        {
            headers[CostHeader] = cost;
        }
        else if (context.CostUnpriced)
        {
            headers[CostStatusHeader] = "unpriced";
        }

        if (Usage(context) is { } usage)
        {
            headers[UsageHeader] = usage;
        }

        headers["x-junction-attempts"] = context.AttemptCount.ToString(CultureInfo.InvariantCulture);
        headers["x-junction-overhead-ms"] = context.Overhead.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
