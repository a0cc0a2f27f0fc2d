using Junction.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Admin;

/// <summary><c>/admin/users</c>: create, list, get (with spend), update, delete. Team admins read their team's users.</summary>
internal static class AdminUserEndpoints
{
    public static IEndpointRouteBuilder MapAdminUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/users", (RequestDelegate)CreateAsync);
        endpoints.MapGet("/admin/users", (RequestDelegate)ListAsync);
        endpoints.MapGet("/admin/users/{id}", (RequestDelegate)GetAsync);
        endpoints.MapPatch("/admin/users/{id}", (RequestDelegate)UpdateAsync);
        endpoints.MapDelete("/admin/users/{id}", (RequestDelegate)DeleteAsync);
        return endpoints;
    }

    private static async Task CreateAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.UsersWrite);
        var request = await AdminHttp.ReadAsync(http, AdminJsonContext.Default.UserRequest);
        await ValidateAsync(services, request, http.RequestAborted);
        var now = services.TimeProvider.GetUtcNow();
        var user = new User
        {
            Id = request.Id ?? KeySecrets.NewId("user_"),
            Email = request.Email,
            TeamId = request.TeamId,
            Metadata = request.Metadata ?? [],
            Limits = AdminHttp.Apply(LimitSet.None, request),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await services.Store.GetUserAsync(user.Id, http.RequestAborted) is not null)
        {
            throw AdminHttp.Invalid($"A user with id '{user.Id}' already exists.", "id");
        }

        var view = AdminViews.User(user, null);
        await services.Store.CreateUserAsync(user, AdminHttp.Audit(http, principal, "user.create", "user", user.Id, user.TeamId, null, view, AdminJsonContext.Default.UserView),
            http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status201Created, view, AdminJsonContext.Default.UserView);
    }

    private static async Task ListAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.UsersRead);
        var teamId = AdminPermissions.IsGlobal(principal) ? AdminHttp.Query(http, "team_id")
            : principal.TeamId ?? throw new Resilience.JunctionException(GovernanceErrors.Forbidden("This key belongs to no team."));
        var list = new AdminList<UserView>();
        foreach (var user in await services.Store.ListUsersAsync(teamId, http.RequestAborted))
        {
            list.Data.Add(AdminViews.User(user, await AdminHttp.SpendAsync(services, GovernanceScopes.User(user.Id), user.Limits, http.RequestAborted)));
        }

        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, list, AdminJsonContext.Default.AdminListUserView);
    }

    private static async Task GetAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.UsersRead);
        var user = await FindAsync(http, services, principal);
        var spend = await AdminHttp.SpendAsync(services, GovernanceScopes.User(user.Id), user.Limits, http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, AdminViews.User(user, spend), AdminJsonContext.Default.UserView);
    }

    private static async Task UpdateAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.UsersWrite);
        var user = await FindAsync(http, services, principal);
        var request = await AdminHttp.ReadAsync(http, AdminJsonContext.Default.UserRequest);
        await ValidateAsync(services, request, http.RequestAborted);
        var updated = user with
        {
            Email = request.Email ?? user.Email,
            TeamId = request.TeamId ?? user.TeamId,
            Metadata = request.Metadata ?? user.Metadata,
            Limits = AdminHttp.Apply(user.Limits, request),
            UpdatedAt = services.TimeProvider.GetUtcNow(),
        };
        var view = AdminViews.User(updated, null);
        var audit = AdminHttp.Audit(http, principal, "user.update", "user", user.Id, updated.TeamId, AdminViews.User(user, null), view, AdminJsonContext.Default.UserView);
        if (!await services.Store.UpdateUserAsync(updated, audit, http.RequestAborted))
        {
            throw AdminHttp.NotFound("user", user.Id);
        }

        await services.Events.PublishAsync(new KeyChange(UserId: user.Id), http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, view, AdminJsonContext.Default.UserView);
    }

    private static async Task DeleteAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.UsersWrite);
        var user = await FindAsync(http, services, principal);
        var before = AdminViews.User(user, null);
        await services.Store.DeleteUserAsync(user.Id,
            AdminHttp.Audit(http, principal, "user.delete", "user", user.Id, user.TeamId, before, null, AdminJsonContext.Default.UserView), http.RequestAborted);
        await services.Events.PublishAsync(new KeyChange(UserId: user.Id), http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, before, AdminJsonContext.Default.UserView);
    }

    private static async Task ValidateAsync(GovernanceServices services, UserRequest request, CancellationToken cancellationToken)
    {
        AdminHttp.ValidateLimits(request);
        if (request.TeamId is { } team && await services.Store.GetTeamAsync(team, cancellationToken) is null)
        {
            throw AdminHttp.Invalid($"There is no team with id '{team}'.", "team_id");
        }
    }

    private static async Task<User> FindAsync(HttpContext http, GovernanceServices services, Principal principal)
    {
        var id = (string)http.GetRouteValue("id")!;
        var user = await services.Store.GetUserAsync(id, http.RequestAborted);
        return user is not null && AdminPermissions.CanAccessTeam(principal, user.TeamId) ? user : throw AdminHttp.NotFound("user", id);
    }
}
