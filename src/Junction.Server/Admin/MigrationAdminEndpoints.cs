using System.Globalization;
using System.Text.Json;
using Junction.Migration;
using Junction.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Admin;

/// <summary>
/// <c>GET /admin/shadow/report?model=...&amp;since=24h</c>, <c>GET /admin/rollouts</c> and
/// <c>POST /admin/rollouts/{model}/{pause|resume|promote|rollback}</c>. Reading needs the admin or viewer role, commands
/// the admin role (<see cref="AdminPermissions"/>); a command's actor in the audit log is the caller's key id or <c>master</c>.
/// </summary>
internal static class MigrationAdminEndpoints
{
    public static IEndpointRouteBuilder MapMigrationAdminEndpoints(this IEndpointRouteBuilder endpoints, JunctionRuntime runtime)
    {
        endpoints.MapGet("/admin/shadow/report", (RequestDelegate)(http => ShadowReportAsync(http, runtime)));
        endpoints.MapGet("/admin/rollouts", (RequestDelegate)(http => RolloutsAsync(http, runtime)));
        endpoints.MapPost("/admin/rollouts/{model}/{action}", (RequestDelegate)(http => RolloutCommandAsync(http, runtime)));
        return endpoints;
    }

    private static async Task ShadowReportAsync(HttpContext http, JunctionRuntime runtime)
    {
        AdminHttp.Require(http, AdminAction.MigrationRead);
        var model = http.Request.Query["model"].ToString();
        if (model.Length == 0)
        {
            throw new JunctionException(JunctionErrors.MissingField("model"));
        }

        var now = runtime.TimeProvider.GetUtcNow();
        var since = now - ParseSince(http.Request.Query["since"].ToString());
        if (runtime.Migration?.TryGetShadow(model, out var shadow) != true)
        {
            throw new JunctionException(JunctionErrors.InvalidRequest($"The model '{model}' has no shadow configured.", "model", "no_shadow"));
        }

        var pairs = await runtime.MigrationStores.Shadows.ListAsync(model, since, http.RequestAborted);
        var report = ShadowReport.Build(model, shadow.Target, since, pairs);
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        ShadowReportJson.Write(json, report, shadow.Counts);
    }

    private static async Task RolloutsAsync(HttpContext http, JunctionRuntime runtime)
    {
        AdminHttp.Require(http, AdminAction.MigrationRead);
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("rollouts");
        foreach (var view in runtime.Migration?.Rollouts.Status() ?? [])
        {
            AdminJson.WriteRollout(json, view);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static async Task RolloutCommandAsync(HttpContext http, JunctionRuntime runtime)
    {
        var principal = AdminHttp.Require(http, AdminAction.MigrationWrite);
        var model = (string)http.GetRouteValue("model")!;
        var action = (string)http.GetRouteValue("action")!;
        if (action is not ("pause" or "resume" or "promote" or "rollback"))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest("The action must be pause, resume, promote or rollback.", "action", "invalid_value"));
        }

        if (runtime.Migration is not { } migration || !migration.Rollouts.Has(model))
        {
            throw new JunctionException(JunctionErrors.InvalidRequest($"The model '{model}' has no rollout configured.", "model", "no_rollout"));
        }

        RolloutTransition transition;
        try
        {
            transition = await migration.Rollouts.CommandAsync(model, action, principal.Actor, http.RequestAborted);
        }
        catch (InvalidOperationException ex)
        {
            throw new JunctionException(new JunctionError(409, JunctionErrorKind.Conflict, "conflict", ex.Message) { Code = "rollout_conflict" });
        }

        var view = migration.Rollouts.Status().Single(v => v.Model == model);
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("action", transition.Action);
        json.WriteString("reason", transition.Reason);
        json.WritePropertyName("rollout");
        AdminJson.WriteRollout(json, view);
        json.WriteEndObject();
    }

    /// <summary><c>30m</c>, <c>24h</c>, <c>7d</c>, or seconds; 24 hours when absent.</summary>
    internal static TimeSpan ParseSince(string text)
    {
        if (text.Length == 0)
        {
            return TimeSpan.FromHours(24);
        }

        var unit = text[^1];
        var number = char.IsLetter(unit) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new JunctionException(JunctionErrors.InvalidRequest("'since' must look like 30m, 24h, 7d or a number of seconds.", "since", "invalid_value"));
        }

        return unit switch
        {
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            's' => TimeSpan.FromSeconds(value),
            _ when char.IsDigit(unit) => TimeSpan.FromSeconds(value),
            _ => throw new JunctionException(JunctionErrors.InvalidRequest("'since' must look like 30m, 24h, 7d or a number of seconds.", "since", "invalid_value")),
        };
    }
}
