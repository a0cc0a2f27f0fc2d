using System.Text.Json;

namespace Junction.Migration;

/// <summary>The JSON form of a <see cref="ShadowReport"/>, shared by <c>GET /admin/shadow/report</c> and <c>junction replay</c>.</summary>
public static class ShadowReportJson
{
    public static void Write(Utf8JsonWriter json, ShadowReport report, (long Mirrored, long Skipped, long Failed) counts)
    {
        json.WriteStartObject();
        json.WriteString("model", report.Model);
        json.WriteString("target", report.Target);
        if (report.Since is { } since)
        {
            json.WriteString("since", since);
        }

        json.WriteNumber("pairs", report.Pairs);
        json.WriteNumber("mirrored", counts.Mirrored);
        json.WriteNumber("skipped_over_max_in_flight", counts.Skipped);
        json.WriteNumber("failed_to_store", counts.Failed);
        json.WriteStartObject("error_rate");
        json.WriteNumber("primary", report.PrimaryErrorRate);
        json.WriteNumber("shadow", report.ShadowErrorRate);
        json.WriteNumber("delta", Math.Round(report.ErrorRateDelta, 4));
        json.WriteEndObject();
        json.WriteStartObject("latency_ms");
        Number(json, "primary_p50", report.PrimaryLatencyP50Ms);
        Number(json, "shadow_p50", report.ShadowLatencyP50Ms);
        Number(json, "delta_p50", report.LatencyP50DeltaMs);
        Number(json, "primary_p95", report.PrimaryLatencyP95Ms);
        Number(json, "shadow_p95", report.ShadowLatencyP95Ms);
        Number(json, "delta_p95", report.LatencyP95DeltaMs);
        json.WriteEndObject();
        json.WriteStartObject("cost_usd");
        json.WriteNumber("primary", report.PrimaryCostUsd);
        json.WriteNumber("shadow", report.ShadowCostUsd);
        json.WriteNumber("delta", report.CostDeltaUsd);
        json.WriteEndObject();
        json.WriteStartObject("tokens");
        json.WriteNumber("primary", report.PrimaryTokens);
        json.WriteNumber("shadow", report.ShadowTokens);
        json.WriteEndObject();
        json.WriteStartObject("agreement");
        foreach (var (name, agreement) in report.Agreement)
        {
            json.WriteStartObject(name);
            json.WriteNumber("rate", agreement.Rate);
            json.WriteNumber("pairs", agreement.Pairs);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("worst_disagreements");
        foreach (var d in report.WorstDisagreements)
        {
            json.WriteStartObject();
            json.WriteString("request_id", d.RequestId);
            json.WriteString("what", d.What);
            json.WriteNumber("score", d.Score);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }


    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 1));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
