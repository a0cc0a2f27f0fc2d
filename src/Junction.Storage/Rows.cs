using System.Data.Common;
using System.Text.Json;
using Junction.Budgets;
using Junction.Keys;

namespace Junction.Storage;

/// <summary>Maps rows to records and records to parameters; the column names are the same in both dialects.</summary>
internal static class Rows
{
    public const string LimitColumns = "budget_nanousd, budget_period, rpm, tpm, max_parallel";
    public const string LimitParameters = "@budget_nanousd, @budget_period, @rpm, @tpm, @max_parallel";
    public const string LimitAssignments =
        "budget_nanousd = @budget_nanousd, budget_period = @budget_period, rpm = @rpm, tpm = @tpm, max_parallel = @max_parallel";

    public const string KeyColumns =
        "id, key_hash, hint, name, team_id, user_id, role, models, expires_at, metadata, " + LimitColumns + ", enabled, revoked_at, created_at, updated_at";

    public const string TeamColumns = "id, name, " + LimitColumns + ", metadata, created_at, updated_at";

    public const string UserColumns = "id, email, team_id, " + LimitColumns + ", metadata, created_at, updated_at";

    public const string AuditColumns = "id, at, actor, actor_role, action, target_type, target_id, team_id, before_json, after_json, request_id";

    public static void AddLimits(DbCommand command, LimitSet limits)
    {
        Sql.Add(command, "budget_nanousd", limits.BudgetUsd is { } usd ? Nanos.FromUsd(usd) : null);
        Sql.Add(command, "budget_period", limits.BudgetPeriod);
        Sql.Add(command, "rpm", limits.Rpm);
        Sql.Add(command, "tpm", limits.Tpm);
        Sql.Add(command, "max_parallel", limits.MaxParallel);
    }

    public static LimitSet ReadLimits(DbDataReader reader) => new()
    {
        BudgetUsd = Sql.Long(reader, "budget_nanousd") is { } nanos ? Nanos.ToUsd(nanos) : null,
        BudgetPeriod = Sql.String(reader, "budget_period"),
        Rpm = Sql.Int(reader, "rpm"),
        Tpm = Sql.Int(reader, "tpm"),
        MaxParallel = Sql.Int(reader, "max_parallel"),
    };

    public static void AddKey(DbCommand command, VirtualKey key)
    {
        Sql.Add(command, "id", key.Id);
        Sql.Add(command, "key_hash", key.KeyHash);
        Sql.Add(command, "hint", key.Hint);
        Sql.Add(command, "name", key.Name);
        Sql.Add(command, "team_id", key.TeamId);
        Sql.Add(command, "user_id", key.UserId);
        Sql.Add(command, "role", key.Role);
        Sql.Add(command, "models", JsonSerializer.Serialize([.. key.Models], StorageJsonContext.Default.ListString));
        Sql.Add(command, "expires_at", Sql.Ms(key.ExpiresAt));
        Sql.Add(command, "metadata", Metadata(key.Metadata));
        AddLimits(command, key.Limits);
        Sql.Add(command, "enabled", key.Enabled ? 1 : 0);
        Sql.Add(command, "revoked_at", Sql.Ms(key.RevokedAt));
        Sql.Add(command, "created_at", key.CreatedAt.ToUnixTimeMilliseconds());
        Sql.Add(command, "updated_at", key.UpdatedAt.ToUnixTimeMilliseconds());
    }

    public static VirtualKey ReadKey(DbDataReader reader) => new()
    {
        Id = Sql.String(reader, "id")!,
        KeyHash = Sql.String(reader, "key_hash")!,
        Hint = Sql.String(reader, "hint")!,
        Name = Sql.String(reader, "name"),
        TeamId = Sql.String(reader, "team_id"),
        UserId = Sql.String(reader, "user_id"),
        Role = Sql.String(reader, "role")!,
        Models = JsonSerializer.Deserialize(Sql.String(reader, "models") ?? "[]", StorageJsonContext.Default.ListString) ?? [],
        ExpiresAt = Sql.Time(reader, "expires_at"),
        Metadata = ReadMetadata(reader),
        Limits = ReadLimits(reader),
        Enabled = Sql.Long(reader, "enabled") != 0,
        RevokedAt = Sql.Time(reader, "revoked_at"),
        CreatedAt = Sql.Time(reader, "created_at")!.Value,
        UpdatedAt = Sql.Time(reader, "updated_at")!.Value,
    };

    public static void AddTeam(DbCommand command, Team team)
    {
        Sql.Add(command, "id", team.Id);
        Sql.Add(command, "name", team.Name);
        AddLimits(command, team.Limits);
        Sql.Add(command, "metadata", Metadata(team.Metadata));
        Sql.Add(command, "created_at", team.CreatedAt.ToUnixTimeMilliseconds());
        Sql.Add(command, "updated_at", team.UpdatedAt.ToUnixTimeMilliseconds());
    }

    public static Team ReadTeam(DbDataReader reader) => new()
    {
        Id = Sql.String(reader, "id")!,
        Name = Sql.String(reader, "name")!,
        Limits = ReadLimits(reader),
        Metadata = ReadMetadata(reader),
        CreatedAt = Sql.Time(reader, "created_at")!.Value,
        UpdatedAt = Sql.Time(reader, "updated_at")!.Value,
    };

    public static void AddUser(DbCommand command, User user)
    {
        Sql.Add(command, "id", user.Id);
        Sql.Add(command, "email", user.Email);
        Sql.Add(command, "team_id", user.TeamId);
        AddLimits(command, user.Limits);
        Sql.Add(command, "metadata", Metadata(user.Metadata));
        Sql.Add(command, "created_at", user.CreatedAt.ToUnixTimeMilliseconds());
        Sql.Add(command, "updated_at", user.UpdatedAt.ToUnixTimeMilliseconds());
    }

    public static User ReadUser(DbDataReader reader) => new()
    {
        Id = Sql.String(reader, "id")!,
        Email = Sql.String(reader, "email"),
        TeamId = Sql.String(reader, "team_id"),
        Limits = ReadLimits(reader),
        Metadata = ReadMetadata(reader),
        CreatedAt = Sql.Time(reader, "created_at")!.Value,
        UpdatedAt = Sql.Time(reader, "updated_at")!.Value,
    };

    public static void AddAudit(DbCommand command, AuditEntry entry)
    {
        Sql.Add(command, "a_at", entry.At.ToUnixTimeMilliseconds());
        Sql.Add(command, "a_actor", entry.Actor);
        Sql.Add(command, "a_actor_role", entry.ActorRole);
        Sql.Add(command, "a_action", entry.Action);
        Sql.Add(command, "a_target_type", entry.TargetType);
        Sql.Add(command, "a_target_id", entry.TargetId);
        Sql.Add(command, "a_team_id", entry.TeamId);
        Sql.Add(command, "a_before", entry.Before);
        Sql.Add(command, "a_after", entry.After);
        Sql.Add(command, "a_request_id", entry.RequestId);
    }

    public static AuditEntry ReadAudit(DbDataReader reader) => new()
    {
        Id = Sql.Long(reader, "id")!.Value,
        At = Sql.Time(reader, "at")!.Value,
        Actor = Sql.String(reader, "actor")!,
        ActorRole = Sql.String(reader, "actor_role")!,
        Action = Sql.String(reader, "action")!,
        TargetType = Sql.String(reader, "target_type")!,
        TargetId = Sql.String(reader, "target_id")!,
        TeamId = Sql.String(reader, "team_id"),
        Before = Sql.String(reader, "before_json"),
        After = Sql.String(reader, "after_json"),
        RequestId = Sql.String(reader, "request_id"),
    };

    private static string Metadata(IReadOnlyDictionary<string, string> metadata) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(metadata, StringComparer.Ordinal), StorageJsonContext.Default.DictionaryStringString);

    private static Dictionary<string, string> ReadMetadata(DbDataReader reader) =>
        JsonSerializer.Deserialize(Sql.String(reader, "metadata") ?? "{}", StorageJsonContext.Default.DictionaryStringString) ?? [];
}
