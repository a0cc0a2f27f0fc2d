using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Junction.Budgets;
using Junction.Configuration;
using Junction.Keys;
using Junction.Redis;
using Junction.Server.Admin;
using Junction.Storage;

namespace Junction.Cli.Commands;

/// <summary>
/// <c>junction keys create|list|get|update|revoke|rotate --config f</c>: manage virtual keys directly in the configured
/// storage (migrating it first), audited as actor <c>cli</c>. Changes are published on Redis when it is configured, so
/// running servers drop the key from their caches at once; without Redis they see it within <c>governance.key_cache_ttl_s</c>.
/// Output is the admin API's JSON; a secret is printed only by create and rotate.
/// </summary>
internal static class KeysCommand
{
    private static readonly Principal Cli = new(Roles.Admin, null, null, null);

    public static Command Create()
    {
        var command = new Command("keys", "Create and manage virtual keys (sk-jn-...).");
        command.Subcommands.Add(Build("create", "Create a key; its secret is printed once.", withId: false, withLimits: true, CreateAsync));
        command.Subcommands.Add(Build("list", "List keys (optionally of one --team).", withId: false, withLimits: false, ListAsync));
        command.Subcommands.Add(Build("get", "Show one key.", withId: true, withLimits: false, GetAsync));
        command.Subcommands.Add(Build("update", "Change a key's settings.", withId: true, withLimits: true, UpdateAsync));
        command.Subcommands.Add(Build("revoke", "Revoke a key (it stops working everywhere).", withId: true, withLimits: false, RevokeAsync));
        command.Subcommands.Add(Build("rotate", "Give a key a new secret (printed once); the old one stops working.", withId: true, withLimits: false, RotateAsync));
        return command;
    }

    private sealed record Args(string? Id, KeyRequest Request, string? Team);

    private delegate Task<object> KeyAction(GovernanceServices services, Args args, CancellationToken cancellationToken);

    private static Command Build(string name, string description, bool withId, bool withLimits, KeyAction action)
    {
        var config = ConfigFileLoader.CreateOption();
        var id = new Argument<string>("id") { Description = "The key id (key_...)." };
        var team = new Option<string?>("--team") { Description = "Team id." };
        var user = new Option<string?>("--user") { Description = "User id (owner)." };
        var keyName = new Option<string?>("--name") { Description = "A name to recognise the key by." };
        var role = new Option<string?>("--role") { Description = "admin, team_admin, viewer or caller (default)." };
        var models = new Option<string?>("--models") { Description = "Allowed models, comma-separated (patterns with *)." };
        var budget = new Option<decimal?>("--budget") { Description = "Budget in USD per period." };
        var period = new Option<string?>("--budget-period") { Description = "daily, weekly, monthly (default) or total." };
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute." };
        var tpm = new Option<int?>("--tpm") { Description = "Tokens per minute." };
        var parallel = new Option<int?>("--max-parallel") { Description = "Requests in flight at once." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "Expiry (ISO 8601, UTC)." };
        var enabled = new Option<bool?>("--enabled") { Description = "Enable or disable the key." };
        var command = new Command(name, description) { config };
        if (withId)
        {
            command.Arguments.Add(id);
        }

        command.Options.Add(team);
        if (withLimits)
        {
            foreach (var option in new Option[] { user, keyName, role, models, budget, period, rpm, tpm, parallel, expires, enabled })
            {
                command.Options.Add(option);
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var options = ConfigFileLoader.Load(parse.GetValue(config)!, error);
            if (options is null)
            {
                return 1;
            }

            var request = new KeyRequest
            {
                TeamId = parse.GetValue(team),
                UserId = withLimits ? parse.GetValue(user) : null,
                Name = withLimits ? parse.GetValue(keyName) : null,
                Role = withLimits ? parse.GetValue(role) : null,
                Models = withLimits && parse.GetValue(models) is { } list ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null,
                BudgetUsd = withLimits ? parse.GetValue(budget) : null,
                BudgetPeriod = withLimits ? parse.GetValue(period) : null,
                Rpm = withLimits ? parse.GetValue(rpm) : null,
                Tpm = withLimits ? parse.GetValue(tpm) : null,
                MaxParallel = withLimits ? parse.GetValue(parallel) : null,
                ExpiresAt = withLimits ? parse.GetValue(expires) : null,
                Enabled = withLimits ? parse.GetValue(enabled) : null,
            };
            try
            {
                await using var services = await OpenAsync(options, cancellationToken);
                var result = await action(services, new Args(withId ? parse.GetValue(id) : null, request, parse.GetValue(team)), cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine(result is AdminList<KeyView> many
                    ? JsonSerializer.Serialize(many, CliJson.Default.AdminListKeyView)
                    : JsonSerializer.Serialize((KeyView)result, CliJson.Default.KeyView));
                return 0;
            }
            catch (CliException ex)
            {
                error.WriteLine("junction: " + ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static async Task<GovernanceServices> OpenAsync(JunctionOptions options, CancellationToken cancellationToken)
    {
        var store = GovernanceStoreFactory.Create(options.Storage, TimeProvider.System)
            ?? throw new CliException("storage is off (set storage.provider, or auth.master_key for the SQLite default).");
        await store.MigrateAsync(cancellationToken);
        return options.Redis.Url is null
            ? GovernanceServices.InMemory(store, options.Governance, TimeProvider.System)
            : await RedisGovernance.CreateAsync(store, options.Redis, options.Governance, TimeProvider.System);
    }

    private static async Task<object> CreateAsync(GovernanceServices services, Args args, CancellationToken cancellationToken)
    {
        Validate(args.Request);
        var (key, secret) = KeyIssuer.Issue(args.Request, args.Request.TeamId, services.TimeProvider.GetUtcNow());
        var view = AdminViews.Key(key, null);
        await services.Store.CreateKeyAsync(key, Audit(services, "key.create", key, null, view), cancellationToken);
        view.Key = secret;
        return view;
    }

    private static async Task<object> ListAsync(GovernanceServices services, Args args, CancellationToken cancellationToken)
    {
        var keys = await services.Store.ListKeysAsync(new KeyQuery { TeamId = args.Team, Limit = 10_000 }, cancellationToken);
        var list = new AdminList<KeyView>();
        list.Data.AddRange(keys.Select(k => AdminViews.Key(k, null)));
        return list;
    }

    private static async Task<object> GetAsync(GovernanceServices services, Args args, CancellationToken cancellationToken)
    {
        var key = await FindAsync(services, args.Id!, cancellationToken);
        var spend = key.Limits.BudgetUsd is { } budget
            ? Nanos.ToUsd(await services.Ledger.GetSpentAsync(
                new BudgetScope(GovernanceScopes.Key(key.Id), Nanos.FromUsd(budget), key.Limits.BudgetPeriod ?? BudgetPeriods.Default), cancellationToken))
            : (decimal?)null;
        return AdminViews.Key(key, spend);
    }

    private static async Task<object> UpdateAsync(GovernanceServices services, Args args, CancellationToken cancellationToken)
    {
        Validate(args.Request);
        var key = await FindAsync(services, args.Id!, cancellationToken);
        var r = args.Request;
        var updated = key with
        {
            Name = r.Name ?? key.Name, TeamId = r.TeamId ?? key.TeamId, UserId = r.UserId ?? key.UserId, Role = r.Role ?? key.Role,
            Models = r.Models ?? key.Models, ExpiresAt = r.ExpiresAt ?? key.ExpiresAt, Limits = AdminHttp.Apply(key.Limits, r), Enabled = r.Enabled ?? key.Enabled,
            UpdatedAt = services.TimeProvider.GetUtcNow(),
        };
        return await SaveAsync(services, "key.update", key, updated, null, cancellationToken);
    }

    private static async Task<object> RevokeAsync(GovernanceServices services, Args args, CancellationToken cancellationToken)
    {
        var key = await FindAsync(services, args.Id!, cancellationToken);
        var now = services.TimeProvider.GetUtcNow();
        return await SaveAsync(services, "key.revoke", key, key with { RevokedAt = key.RevokedAt ?? now, UpdatedAt = now }, null, cancellationToken);
    }

    private static async Task<object> RotateAsync(GovernanceServices services, Args args, CancellationToken cancellationToken)
    {
        var key = await FindAsync(services, args.Id!, cancellationToken);
        if (key.RevokedAt is not null)
        {
            throw new CliException("a revoked key cannot be rotated; create a new key.");
        }

        var (rotated, secret) = KeyIssuer.Rotate(key, services.TimeProvider.GetUtcNow());
        return await SaveAsync(services, "key.rotate", key, rotated, secret, cancellationToken);
    }

    private static async Task<KeyView> SaveAsync(GovernanceServices services, string action, VirtualKey before, VirtualKey after, string? secret, CancellationToken cancellationToken)
    {
        var view = AdminViews.Key(after, null);
        await services.Store.UpdateKeyAsync(after, Audit(services, action, after, AdminViews.Key(before, null), view), cancellationToken);
        await services.Events.PublishAsync(new KeyChange(KeyId: after.Id), cancellationToken);
        view.Key = secret;
        return view;
    }

    private static async Task<VirtualKey> FindAsync(GovernanceServices services, string id, CancellationToken cancellationToken) =>
        await services.Store.GetKeyAsync(id, cancellationToken) ?? throw new CliException($"no key with id '{id}'.");

    private static AuditEntry Audit(GovernanceServices services, string action, VirtualKey key, KeyView? before, KeyView after) => new()
    {
        At = services.TimeProvider.GetUtcNow(),
        Actor = "cli",
        ActorRole = Cli.Role,
        Action = action,
        TargetType = "key",
        TargetId = key.Id,
        TeamId = key.TeamId,
        Before = before is null ? null : JsonSerializer.Serialize(before, AdminJsonContext.Default.KeyView),
        After = JsonSerializer.Serialize(after, AdminJsonContext.Default.KeyView),
    };

    private static void Validate(KeyRequest request)
    {
        if (request.Role is { } role && !Roles.IsKnown(role))
        {
            throw new CliException($"--role must be one of {string.Join(", ", Roles.All)}.");
        }

        if (request.BudgetPeriod is { } period && !BudgetPeriods.IsKnown(period))
        {
            throw new CliException($"--budget-period must be one of {string.Join(", ", BudgetPeriods.All)}.");
        }

        if (request.BudgetUsd is < 0 || request.Rpm is <= 0 || request.Tpm is <= 0 || request.MaxParallel is <= 0)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--budget must be 0 or more; --rpm, --tpm and --max-parallel greater than 0."));
        }
    }
}
