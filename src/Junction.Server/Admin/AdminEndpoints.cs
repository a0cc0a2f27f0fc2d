using System.Globalization;
using System.Text.Json;
using Junction.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Admin;

/// <summary>The admin API under <c>/admin</c> (keys, teams, users, audit) and its OpenAPI document at <c>/openapi.json</c>.</summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAdminKeyEndpoints();
        endpoints.MapAdminTeamEndpoints();
        endpoints.MapAdminUserEndpoints();
        endpoints.MapAdminSpendEndpoints();
        endpoints.MapGet("/admin/audit", (RequestDelegate)AuditAsync);
        endpoints.MapGet("/openapi.json", (RequestDelegate)OpenApiAsync);
        return endpoints;
    }

    /// <summary>
    /// <c>GET /admin/audit?actor=&amp;action=&amp;target_id=&amp;team_id=&amp;since=&amp;before_id=&amp;limit=</c>: newest first;
    /// page with <c>before_id</c> = the last id seen. Team admins and viewers see only entries of their team.
    /// </summary>
    private static async Task AuditAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.AuditRead);
        var teamId = AdminHttp.Query(http, "team_id");
        if (!AdminPermissions.IsGlobal(principal))
        {
            teamId = principal.TeamId is { } own && (teamId is null || teamId == own) ? own
                : throw new Resilience.JunctionException(GovernanceErrors.Forbidden("You may only read the audit log of your own team."));
        }

        DateTimeOffset? since = null;
        if (AdminHttp.Query(http, "since") is { } sinceText)
        {
            since = DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed : throw AdminHttp.Invalid("'since' must be an ISO 8601 time.", "since");
        }

        long? beforeId = AdminHttp.Query(http, "before_id") is { } before
            ? long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw AdminHttp.Invalid("'before_id' must be an integer.", "before_id")
            : null;
        var limit = AdminHttp.QueryInt(http, "limit", 100, 1000);
        var entries = await services.Store.QueryAuditAsync(new AuditQuery
        {
            Actor = AdminHttp.Query(http, "actor"),
            Action = AdminHttp.Query(http, "action"),
            TargetId = AdminHttp.Query(http, "target_id"),
            TeamId = teamId,
            Since = since,
            BeforeId = beforeId,
            Limit = limit + 1,
        }, http.RequestAborted);
        var list = new AdminList<AuditView> { HasMore = entries.Count > limit };
        list.Data.AddRange(entries.Take(limit).Select(ToView));
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, list, AdminJsonContext.Default.AdminListAuditView);
    }

    private static AuditView ToView(AuditEntry entry) => new()
    {
        Id = entry.Id,
        At = entry.At,
        Actor = entry.Actor,
        ActorRole = entry.ActorRole,
        Action = entry.Action,
        TargetType = entry.TargetType,
        TargetId = entry.TargetId,
        TeamId = entry.TeamId,
        Before = Parse(entry.Before),
        After = Parse(entry.After),
        RequestId = entry.RequestId,
    };

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static async Task OpenApiAsync(HttpContext http)
    {
        await using var stream = typeof(AdminEndpoints).Assembly.GetManifestResourceStream("Junction.Server.Admin.openapi.json")!;
        http.Response.ContentType = "application/json";
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
