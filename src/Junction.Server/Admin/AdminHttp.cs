using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Budgets;
using Junction.Keys;
using Junction.Resilience;
using Junction.Routing;
using Junction.Server.Endpoints;
using Junction.Server.Governance;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Admin;

/// <summary>What every admin endpoint does first and last: authorize against the role matrix, read and write JSON, audit.</summary>
internal static class AdminHttp
{
    /// <summary>The governance services and the caller, when the caller's role allows <paramref name="action"/>; else a 403.</summary>
    public static (GovernanceServices Services, Principal Principal) Authorize(HttpContext http, AdminAction action)
    {
        var services = http.RequestServices.GetRequiredService<GovernanceAccessor>().Services
            ?? throw new JunctionException(new JunctionError(404, JunctionErrorKind.NotFound, JunctionErrors.InvalidRequestType,
                "The admin API needs governance storage: set storage.provider (sqlite or postgres) and auth.master_key.") { Code = "governance_disabled" });
        var principal = http.Features.Get<Principal>() ?? Principal.Master;
        if (!AdminPermissions.Allows(principal.Role, action))
        {
            throw new JunctionException(GovernanceErrors.Forbidden($"A key with role '{principal.Role}' may not {Describe(action)}."));
        }

        return (services, principal);
    }

    /// <summary>
    /// The caller, when its role allows <paramref name="action"/>; else a 403. For endpoints that work without governance
    /// storage (shadow reports, rollouts): then only the master key gets this far, as an admin.
    /// </summary>
    public static Principal Require(HttpContext http, AdminAction action)
    {
        var principal = http.Features.Get<Principal>() ?? Principal.Master;
        return AdminPermissions.Allows(principal.Role, action)
            ? principal
            : throw new JunctionException(GovernanceErrors.Forbidden($"A key with role '{principal.Role}' may not {Describe(action)}."));
    }

    public static JunctionException NotFound(string what, string id) =>
        new(new JunctionError(404, JunctionErrorKind.NotFound, JunctionErrors.InvalidRequestType, $"No {what} with id '{id}'.") { Code = "not_found" });

    public static JunctionException Invalid(string message, string param) =>
        new(JunctionErrors.InvalidRequest(message, param, "invalid_value"));

    public static Task<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo)
        where T : class => RequestBodyReader.ReadAsync(http, typeInfo);

    public static async Task WriteAsync<T>(HttpContext http, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.BodyWriter, value, typeInfo, http.RequestAborted);
    }

    public static AuditEntry Audit<T>(HttpContext http, Principal principal, string action, string targetType, string targetId, string? teamId,
        T? before, T? after, JsonTypeInfo<T> typeInfo)
        where T : class => new()
        {
            At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            Actor = principal.Actor,
            ActorRole = principal.Role,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            TeamId = teamId,
            Before = before is null ? null : JsonSerializer.Serialize(before, typeInfo),
            After = after is null ? null : JsonSerializer.Serialize(after, typeInfo),
            RequestId = http.Features.Get<RequestContext>()?.RequestId,
        };

    /// <summary>Checks the limit fields of a request body (400 naming the field).</summary>
    public static void ValidateLimits(IAdminLimits limits)
    {
        if (limits.BudgetUsd is < 0)
        {
            throw Invalid("'budget_usd' must be 0 or greater.", "budget_usd");
        }

        if (limits.BudgetPeriod is { } period && !BudgetPeriods.IsKnown(period))
        {
            throw Invalid($"'budget_period' must be one of {string.Join(", ", BudgetPeriods.All)}.", "budget_period");
        }

        foreach (var (name, value) in new[] { ("rpm", limits.Rpm), ("tpm", limits.Tpm), ("max_parallel", limits.MaxParallel) })
        {
            if (value is <= 0)
            {
                throw Invalid($"'{name}' must be greater than 0.", name);
            }
        }
    }

    /// <summary>The limits after applying the fields a request sets.</summary>
    public static LimitSet Apply(LimitSet current, IAdminLimits patch) => current with
    {
        BudgetUsd = patch.BudgetUsd ?? current.BudgetUsd,
        BudgetPeriod = patch.BudgetPeriod ?? current.BudgetPeriod,
        Rpm = patch.Rpm ?? current.Rpm,
        Tpm = patch.Tpm ?? current.Tpm,
        MaxParallel = patch.MaxParallel ?? current.MaxParallel,
    };

    /// <summary>Spend in the current budget period of <paramref name="scope"/>; null when it has no budget.</summary>
    public static async Task<decimal?> SpendAsync(GovernanceServices services, string scope, LimitSet limits, CancellationToken cancellationToken)
    {
        if (limits.BudgetUsd is not { } budget)
        {
            return null;
        }

        var spent = await services.Ledger.GetSpentAsync(new BudgetScope(scope, Nanos.FromUsd(budget), limits.BudgetPeriod ?? BudgetPeriods.Default), cancellationToken);
        return Nanos.ToUsd(spent);
    }

    public static int QueryInt(HttpContext http, string name, int fallback, int max)
    {
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw Invalid($"'{name}' must be an integer between 0 and {max}.", name);
    }

    public static string? Query(HttpContext http, string name) => http.Request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    private static string Describe(AdminAction action) => action switch
    {
        AdminAction.KeysRead => "read keys",
        AdminAction.KeysWrite => "create or change keys",
        AdminAction.TeamsRead => "read teams",
        AdminAction.TeamsWrite => "create or change teams",
        AdminAction.UsersRead => "read users",
        AdminAction.UsersWrite => "create or change users",
        AdminAction.SpendRead => "read spend",
        AdminAction.MigrationRead => "read shadow reports or rollouts",
        AdminAction.MigrationWrite => "change rollouts",
        _ => "read the audit log",
    };
}
