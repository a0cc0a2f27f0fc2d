using System.Text.Json;
using Junction.Migration;

namespace Junction.Server.Admin;

/// <summary>Writes migration reports and rollout views as JSON (snake_case) with a Utf8JsonWriter: no reflection.</summary>
internal static class AdminJson
{
    public static void WriteRollout(Utf8JsonWriter json, RolloutView view)
    {
        json.WriteStartObject();
        json.WriteString("model", view.Model);
        json.WriteString("to", view.Policy.Target);
        json.WriteString("status", view.State.Status.ToString().ToLowerInvariant());
        json.WriteNumber("percent", view.Percent);
        json.WriteNumber("step", view.State.StepIndex);
        json.WriteStartArray("steps");
        foreach (var step in view.Policy.Steps)
        {
            json.WriteNumberValue(step);
        }

        json.WriteEndArray();
        json.WriteString("step_started_at", view.State.StepStartedAt);
        json.WriteNumber("version", view.State.Version);
        if (view.State.Reason is { } reason)
        {
            json.WriteString("reason", reason);
        }

        Side(json, "old", view.Old);
        Side(json, "new", view.New);
        json.WriteEndObject();
    }

    private static void Side(Utf8JsonWriter json, string name, SideStats stats)
    {
        json.WriteStartObject(name);
        json.WriteNumber("requests", stats.Requests);
        json.WriteNumber("errors", stats.Errors);
        json.WriteNumber("error_rate", Math.Round(stats.ErrorRate, 4));
        Number(json, "p95_ms", stats.P95Latency?.TotalMilliseconds is { } p ? Math.Round(p, 1) : null);
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
