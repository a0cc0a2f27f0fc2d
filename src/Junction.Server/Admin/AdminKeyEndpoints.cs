using Junction.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Admin;

/// <summary>
/// <c>/admin/keys</c>: create (the secret is in the answer once), list, get, update, revoke, rotate (a new secret once).
/// Team admins and viewers see only their team's keys; another team's key answers 404, as if it did not exist.
/// </summary>
internal static class AdminKeyEndpoints
{
    public static IEndpointRouteBuilder MapAdminKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/keys", (RequestDelegate)CreateAsync);
        endpoints.MapGet("/admin/keys", (RequestDelegate)ListAsync);
        endpoints.MapGet("/admin/keys/{id}", (RequestDelegate)GetAsync);
        endpoints.MapPatch("/admin/keys/{id}", (RequestDelegate)UpdateAsync);
        endpoints.MapPost("/admin/keys/{id}/revoke", (RequestDelegate)RevokeAsync);
        endpoints.MapPost("/admin/keys/{id}/rotate", (RequestDelegate)RotateAsync);
        return endpoints;
    }

    private static async Task CreateAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.KeysWrite);
        var request = await AdminHttp.ReadAsync(http, AdminJsonContext.Default.KeyRequest);
        var teamId = request.TeamId ?? (AdminPermissions.IsGlobal(principal) ? null : principal.TeamId);
        if (!AdminPermissions.CanAccessTeam(principal, teamId))
        {
            throw new Resilience.JunctionException(GovernanceErrors.Forbidden("You may only create keys for your own team."));
        }

        await ValidateAsync(services, principal, request, teamId, request.UserId, http.RequestAborted);
        var (key, secret) = KeyIssuer.Issue(request, teamId, services.TimeProvider.GetUtcNow());
        var view = AdminViews.Key(key, null);
        await services.Store.CreateKeyAsync(key, AdminHttp.Audit(http, principal, "key.create", "key", key.Id, key.TeamId, null, view, AdminJsonContext.Default.KeyView),
            http.RequestAborted);
        view.Key = secret;
        await AdminHttp.WriteAsync(http, StatusCodes.Status201Created, view, AdminJsonContext.Default.KeyView);
    }

    private static async Task ListAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.KeysRead);
        var teamId = AdminHttp.Query(http, "team_id");
        if (!AdminPermissions.IsGlobal(principal))
        {
            if (teamId is not null && !AdminPermissions.CanAccessTeam(principal, teamId))
            {
                throw new Resilience.JunctionException(GovernanceErrors.Forbidden("You may only list keys of your own team."));
            }

            teamId = principal.TeamId ?? throw new Resilience.JunctionException(GovernanceErrors.Forbidden("This key belongs to no team."));
        }

        var limit = AdminHttp.QueryInt(http, "limit", 100, 1000);
        var keys = await services.Store.ListKeysAsync(new KeyQuery
        {
            TeamId = teamId,
            UserId = AdminHttp.Query(http, "user_id"),
            IncludeRevoked = AdminHttp.Query(http, "include_revoked") != "false",
            Offset = AdminHttp.QueryInt(http, "offset", 0, int.MaxValue),
            Limit = limit + 1,
        }, http.RequestAborted);
        var list = new AdminList<KeyView> { HasMore = keys.Count > limit };
        foreach (var key in keys.Take(limit))
        {
            list.Data.Add(AdminViews.Key(key, await AdminHttp.SpendAsync(services, GovernanceScopes.Key(key.Id), key.Limits, http.RequestAborted)));
        }

        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, list, AdminJsonContext.Default.AdminListKeyView);
    }

    private static async Task GetAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.KeysRead);
        var key = await FindAsync(http, services, principal);
        var spend = await AdminHttp.SpendAsync(services, GovernanceScopes.Key(key.Id), key.Limits, http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, AdminViews.Key(key, spend), AdminJsonContext.Default.KeyView);
    }

    private static async Task UpdateAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.KeysWrite);
        var key = await FindAsync(http, services, principal);
        var request = await AdminHttp.ReadAsync(http, AdminJsonContext.Default.KeyRequest);
        if (request.TeamId is not null && !AdminPermissions.CanAccessTeam(principal, request.TeamId))
        {
            throw new Resilience.JunctionException(GovernanceErrors.Forbidden("You may not move a key to another team."));
        }

        await ValidateAsync(services, principal, request, request.TeamId ?? key.TeamId, request.UserId ?? key.UserId, http.RequestAborted);
        var updated = key with
        {
            Name = request.Name ?? key.Name,
            TeamId = request.TeamId ?? key.TeamId,
            UserId = request.UserId ?? key.UserId,
            Role = request.Role ?? key.Role,
            Models = request.Models ?? key.Models,
            ExpiresAt = request.ExpiresAt ?? key.ExpiresAt,
            Metadata = request.Metadata ?? key.Metadata,
            Limits = AdminHttp.Apply(key.Limits, request),
            Enabled = request.Enabled ?? key.Enabled,
            UpdatedAt = services.TimeProvider.GetUtcNow(),
        };
        await SaveAsync(http, services, principal, "key.update", key, updated, null);
    }

    private static async Task RevokeAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.KeysWrite);
        var key = await FindAsync(http, services, principal);
        var now = services.TimeProvider.GetUtcNow();
        await SaveAsync(http, services, principal, "key.revoke", key, key with { RevokedAt = key.RevokedAt ?? now, UpdatedAt = now }, null);
    }

    private static async Task RotateAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.KeysWrite);
        var key = await FindAsync(http, services, principal);
        if (key.RevokedAt is not null)
        {
            throw AdminHttp.Invalid("A revoked key cannot be rotated; create a new key.", "id");
        }

        var (rotated, secret) = KeyIssuer.Rotate(key, services.TimeProvider.GetUtcNow());
        await SaveAsync(http, services, principal, "key.rotate", key, rotated, secret);
    }

    /// <summary>Stores the change with its audit entry, tells every instance to drop the cached key, and answers with the new view.</summary>
    private static async Task SaveAsync(HttpContext http, GovernanceServices services, Principal principal, string action, VirtualKey before, VirtualKey after, string? secret)
    {
        var afterView = AdminViews.Key(after, null);
        var audit = AdminHttp.Audit(http, principal, action, "key", after.Id, after.TeamId, AdminViews.Key(before, null), afterView, AdminJsonContext.Default.KeyView);
        if (!await services.Store.UpdateKeyAsync(after, audit, http.RequestAborted))
        {
            throw AdminHttp.NotFound("key", after.Id);
        }

        await services.Events.PublishAsync(new KeyChange(KeyId: after.Id), http.RequestAborted);
        afterView.Key = secret;
        afterView.SpendUsd = await AdminHttp.SpendAsync(services, GovernanceScopes.Key(after.Id), after.Limits, http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, afterView, AdminJsonContext.Default.KeyView);
    }

    private static async Task<VirtualKey> FindAsync(HttpContext http, GovernanceServices services, Principal principal)
    {
        var id = (string)http.GetRouteValue("id")!;
        var key = await services.Store.GetKeyAsync(id, http.RequestAborted);
        return key is not null && AdminPermissions.CanAccessTeam(principal, key.TeamId) ? key : throw AdminHttp.NotFound("key", id);
    }

    private static async Task ValidateAsync(GovernanceServices services, Principal principal, KeyRequest request, string? teamId, string? userId,
        CancellationToken cancellationToken)
    {
        AdminHttp.ValidateLimits(request);
        if (request.Role is { } role && !Roles.IsKnown(role))
        {
            throw AdminHttp.Invalid($"'role' must be one of {string.Join(", ", Roles.All)}.", "role");
        }

        if (request.Role is { } granted && !AdminPermissions.CanGrantRole(principal, granted))
        {
            throw new Resilience.JunctionException(GovernanceErrors.Forbidden($"You may not create keys with role '{granted}'."));
        }

        if (request.Models is { } models && models.Exists(static m => string.IsNullOrWhiteSpace(m)))
        {
            throw AdminHttp.Invalid("'models' must not contain empty names.", "models");
        }

        if (request.TeamId is { } team && await services.Store.GetTeamAsync(team, cancellationToken) is null)
        {
            throw AdminHttp.Invalid($"There is no team with id '{team}'.", "team_id");
        }

        if (request.UserId is not null)
        {
            var user = await services.Store.GetUserAsync(userId!, cancellationToken)
                ?? throw AdminHttp.Invalid($"There is no user with id '{userId}'.", "user_id");
            if (teamId is not null && user.TeamId is not null && user.TeamId != teamId)
            {
                throw AdminHttp.Invalid("The user belongs to another team.", "user_id");
            }
        }
    }
}
