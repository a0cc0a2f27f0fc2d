using Junction.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Server.Admin;

/// <summary><c>/admin/teams</c>: create, list, get (with spend), update, delete. Team admins and viewers see only their own team.</summary>
internal static class AdminTeamEndpoints
{
    public static IEndpointRouteBuilder MapAdminTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/teams", (RequestDelegate)CreateAsync);
        endpoints.MapGet("/admin/teams", (RequestDelegate)ListAsync);
        endpoints.MapGet("/admin/teams/{id}", (RequestDelegate)GetAsync);
        endpoints.MapPatch("/admin/teams/{id}", (RequestDelegate)UpdateAsync);
        endpoints.MapDelete("/admin/teams/{id}", (RequestDelegate)DeleteAsync);
        return endpoints;
    }

    private static async Task CreateAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.TeamsWrite);
        var request = await AdminHttp.ReadAsync(http, AdminJsonContext.Default.TeamRequest);
        AdminHttp.ValidateLimits(request);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new Resilience.JunctionException(Resilience.JunctionErrors.MissingField("name"));
        }

        var now = services.TimeProvider.GetUtcNow();
        var team = new Team
        {
            Id = request.Id ?? KeySecrets.NewId("team_"),
            Name = request.Name,
            Metadata = request.Metadata ?? [],
            Limits = AdminHttp.Apply(LimitSet.None, request),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await services.Store.GetTeamAsync(team.Id, http.RequestAborted) is not null)
        {
            throw AdminHttp.Invalid($"A team with id '{team.Id}' already exists.", "id");
        }

        if ((await services.Store.ListTeamsAsync(http.RequestAborted)).Any(t => string.Equals(t.Name, team.Name, StringComparison.Ordinal)))
        {
            throw AdminHttp.Invalid($"A team named '{team.Name}' already exists.", "name");
        }

        var view = AdminViews.Team(team, null);
        await services.Store.CreateTeamAsync(team, AdminHttp.Audit(http, principal, "team.create", "team", team.Id, team.Id, null, view, AdminJsonContext.Default.TeamView),
            http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status201Created, view, AdminJsonContext.Default.TeamView);
    }

    private static async Task ListAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.TeamsRead);
        var list = new AdminList<TeamView>();
        foreach (var team in await services.Store.ListTeamsAsync(http.RequestAborted))
        {
            if (AdminPermissions.CanAccessTeam(principal, team.Id))
            {
                list.Data.Add(AdminViews.Team(team, await AdminHttp.SpendAsync(services, GovernanceScopes.Team(team.Id), team.Limits, http.RequestAborted)));
            }
        }

        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, list, AdminJsonContext.Default.AdminListTeamView);
    }

    private static async Task GetAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.TeamsRead);
        var team = await FindAsync(http, services, principal);
        var spend = await AdminHttp.SpendAsync(services, GovernanceScopes.Team(team.Id), team.Limits, http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, AdminViews.Team(team, spend), AdminJsonContext.Default.TeamView);
    }

    private static async Task UpdateAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.TeamsWrite);
        var team = await FindAsync(http, services, principal);
        var request = await AdminHttp.ReadAsync(http, AdminJsonContext.Default.TeamRequest);
        AdminHttp.ValidateLimits(request);
        var updated = team with
        {
            Name = request.Name ?? team.Name,
            Metadata = request.Metadata ?? team.Metadata,
            Limits = AdminHttp.Apply(team.Limits, request),
            UpdatedAt = services.TimeProvider.GetUtcNow(),
        };
        var view = AdminViews.Team(updated, null);
        var audit = AdminHttp.Audit(http, principal, "team.update", "team", team.Id, team.Id, AdminViews.Team(team, null), view, AdminJsonContext.Default.TeamView);
        if (!await services.Store.UpdateTeamAsync(updated, audit, http.RequestAborted))
        {
            throw AdminHttp.NotFound("team", team.Id);
        }

        await services.Events.PublishAsync(new KeyChange(TeamId: team.Id), http.RequestAborted);
        view.SpendUsd = await AdminHttp.SpendAsync(services, GovernanceScopes.Team(team.Id), updated.Limits, http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, view, AdminJsonContext.Default.TeamView);
    }

    private static async Task DeleteAsync(HttpContext http)
    {
        var (services, principal) = AdminHttp.Authorize(http, AdminAction.TeamsWrite);
        var team = await FindAsync(http, services, principal);
        if ((await services.Store.ListKeysAsync(new KeyQuery { TeamId = team.Id, IncludeRevoked = false, Limit = 1 }, http.RequestAborted)).Count > 0)
        {
            throw AdminHttp.Invalid("The team still has keys that are not revoked; revoke them first.", "id");
        }

        var before = AdminViews.Team(team, null);
        await services.Store.DeleteTeamAsync(team.Id,
            AdminHttp.Audit(http, principal, "team.delete", "team", team.Id, team.Id, before, null, AdminJsonContext.Default.TeamView), http.RequestAborted);
        await services.Events.PublishAsync(new KeyChange(TeamId: team.Id), http.RequestAborted);
        await AdminHttp.WriteAsync(http, StatusCodes.Status200OK, before, AdminJsonContext.Default.TeamView);
    }

    private static async Task<Team> FindAsync(HttpContext http, GovernanceServices services, Principal principal)
    {
        var id = (string)http.GetRouteValue("id")!;
        var team = AdminPermissions.CanAccessTeam(principal, id) ? await services.Store.GetTeamAsync(id, http.RequestAborted) : null;
        return team ?? throw AdminHttp.NotFound("team", id);
    }
}
