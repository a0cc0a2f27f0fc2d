using System.Globalization;
using Junction.Budgets;
using Junction.Keys;
using Junction.Resilience;
using Junction.Server.Spend;
using Junction.Spend;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Admin;

/// <summary>
/// <c>GET /admin/spend?by=&amp;since=&amp;until=&amp;team_id=</c> (totals by key, team, user, model, provider, deployment,
/// <c>tag:&lt;name&gt;</c> or day) and <c>GET /admin/logs?model=&amp;key=&amp;team=&amp;user=&amp;provider=&amp;status=&amp;since=&amp;until=&amp;limit=&amp;cursor=</c>
/// (the spend log, newest first, keyset-paged). Team admins and viewers see only their own team.
/// </summary>
internal static class AdminSpendEndpoints
{
    public static IEndpointRouteBuilder MapAdminSpendEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/spend", (RequestDelegate)SummaryAsync);
        endpoints.MapGet("/admin/logs", (RequestDelegate)LogsAsync);
        return endpoints;
    }

    private static async Task SummaryAsync(HttpContext http)
    {
        var (store, principal, now) = Authorize(http);
        var by = AdminHttp.Query(http, "by") ?? SpendGroupings.Day;
        if (!SpendGroupings.IsValid(by))
        {
            throw AdminHttp.Invalid($"'by' must be one of {string.Join(", ", SpendGroupings.All)}.", "by");
        }

        var since = Time(http, "since", now) ?? now.AddDays(-7);
        var until = Time(http, "until", now) ?? now.AddSeconds(1);
        var rows = await store.SummarizeAsync(new SpendQuery { By = by, Since = since, Until = until, TeamId = Team(http, principal, "team_id") },
            http.RequestAborted);
        var view = SpendSummaryView.From(by, since, until, rows);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, view, AdminJsonContext.Default.SpendSummaryView);
    }

    private static async Task LogsAsync(HttpContext http)
    {
        var (store, principal, now) = Authorize(http);
        var limit = AdminHttp.QueryInt(http, "limit", 100, 1000);
        SpendCursor? cursor = null;
        if (AdminHttp.Query(http, "cursor") is { } text && !SpendCursor.TryParse(text, out cursor))
        {
            throw AdminHttp.Invalid("'cursor' must be a next_cursor from an earlier page.", "cursor");
        }

        int? status = AdminHttp.Query(http, "status") is { } statusText
            ? int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw AdminHttp.Invalid("'status' must be an HTTP status.", "status")
            : null;
        var rows = await store.QueryLogsAsync(new SpendLogQuery
        {
            Model = AdminHttp.Query(http, "model"),
            KeyId = AdminHttp.Query(http, "key"),
            TeamId = Team(http, principal, "team"),
            UserId = AdminHttp.Query(http, "user"),
            Provider = AdminHttp.Query(http, "provider"),
            Status = status,
            Since = Time(http, "since", now),
            Until = Time(http, "until", now),
            After = cursor,
            Limit = limit + 1,
        }, http.RequestAborted);
        var page = new SpendLogPage { HasMore = rows.Count > limit };
        page.Data.AddRange(rows.Take(limit).Select(ToView));
        if (page.HasMore)
        {
            page.NextCursor = SpendCursor.Of(rows[limit - 1]).ToString();
        }

        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, page, AdminJsonContext.Default.SpendLogPage);
    }

    private static (ISpendStore Store, Principal Principal, DateTimeOffset Now) Authorize(HttpContext http)
    {
        var (_, principal) = AdminHttp.Authorize(http, AdminAction.SpendRead);
        var store = http.RequestServices.GetRequiredService<SpendAccessor>().Store
            ?? throw new JunctionException(new JunctionError(404, JunctionErrorKind.NotFound, JunctionErrors.InvalidRequestType,
                "The spend log is off (spend.enabled: false).") { Code = "spend_disabled" });
        return (store, principal, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    /// <summary>The team filter: any (or none) for admins; forced to their own team for team admins and viewers.</summary>
    private static string? Team(HttpContext http, Principal principal, string parameter)
    {
        var asked = AdminHttp.Query(http, parameter);
        if (AdminPermissions.IsGlobal(principal))
        {
            return asked;
        }

        return principal.TeamId is { } own && (asked is null || asked == own) ? own
            : throw new JunctionException(GovernanceErrors.Forbidden("You may only read the spend of your own team."));
    }

    private static DateTimeOffset? Time(HttpContext http, string name, DateTimeOffset now) =>
        AdminHttp.Query(http, name) is not { } text ? null
            : SpendTime.TryParse(text, now, out var time) ? time
            : throw AdminHttp.Invalid($"'{name}' must be a span back from now (30m, 24h, 7d) or an ISO 8601 time.", name);

    private static SpendLogView ToView(SpendRecord r) => new()
    {
        Id = r.Id,
        RequestId = r.RequestId,
        At = r.At,
        KeyId = r.KeyId,
        TeamId = r.TeamId,
        UserId = r.UserId,
        Operation = r.Operation,
        Model = r.Model,
        Deployment = r.Deployment,
        Provider = r.Provider,
        Status = r.Status,
        ErrorCode = r.ErrorCode,
        Attempts = r.Attempts,
        Streamed = r.Streamed,
        PromptTokens = r.PromptTokens,
        CompletionTokens = r.CompletionTokens,
        CachedTokens = r.CachedTokens,
        CostUsd = Nanos.ToUsd(r.CostNanos),
        Unpriced = r.Unpriced,
        UsageEstimated = r.UsageEstimated,
        LatencyMs = r.LatencyMs,
        TtftMs = r.TimeToFirstTokenMs,
        CacheHit = r.CacheHit,
        Metadata = r.Metadata is null ? null : new(r.Metadata, StringComparer.Ordinal),
        Prompt = r.Prompt,
        Completion = r.Completion,
    };
}
