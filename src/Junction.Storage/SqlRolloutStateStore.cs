using System.Data.Common;
using System.Text;
using System.Text.Json;
using Junction.Keys;
using Junction.Migration;

namespace Junction.Storage;

/// <summary>
/// Rollout state in the governance database (<c>rollout_state</c>), shared by every instance and kept across restarts.
/// Saving is a compare-and-set: an insert when no row exists yet (expected version 0), else
/// <c>UPDATE ... WHERE version = @expected</c>; zero rows means another instance moved first. A transition is saved
/// together with its audit-log row in one transaction.
/// </summary>
internal sealed class SqlRolloutStateStore : IRolloutStateStore
{
    private const string Columns = "model, target, step_index, status, step_started_at, reason, version, updated_at";

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _timeProvider;

    public SqlRolloutStateStore(SqlDialect dialect, TimeProvider timeProvider)
    {
        _dialect = dialect;
        _timeProvider = timeProvider;
    }

    public async Task<RolloutState?> GetAsync(string model, CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.CommandText = $"SELECT {Columns} FROM rollout_state WHERE model = @model";
        Sql.Add(command, "model", model);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public Task<bool> TrySaveAsync(RolloutState state, long expectedVersion, CancellationToken cancellationToken) =>
        SaveAsync(state, expectedVersion, null, cancellationToken);

    public Task<bool> TrySaveAsync(RolloutTransition transition, CancellationToken cancellationToken) =>
        SaveAsync(transition.To, transition.From.Version, Audit(transition, _timeProvider.GetUtcNow()), cancellationToken);

    private async Task<bool> SaveAsync(RolloutState state, long expectedVersion, AuditEntry? audit, CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = expectedVersion == 0
                ? $"INSERT INTO rollout_state ({Columns}) VALUES (@model, @target, @step_index, @status, @step_started_at, @reason, @version, @updated_at) " +
                  "ON CONFLICT (model) DO NOTHING"
                : "UPDATE rollout_state SET target = @target, step_index = @step_index, status = @status, step_started_at = @step_started_at, " +
                  "reason = @reason, version = @version, updated_at = @updated_at WHERE model = @model AND version = @expected";
            Sql.Add(command, "model", state.Model);
            Sql.Add(command, "target", state.Target);
            Sql.Add(command, "step_index", state.StepIndex);
            Sql.Add(command, "status", state.Status.ToString());
            Sql.Add(command, "step_started_at", state.StepStartedAt.ToUnixTimeMilliseconds());
            Sql.Add(command, "reason", state.Reason);
            Sql.Add(command, "version", state.Version);
            Sql.Add(command, "updated_at", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            if (expectedVersion != 0)
            {
                Sql.Add(command, "expected", expectedVersion);
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        if (audit is not null)
        {
            var auditCommand = connection.CreateCommand();
            await using var auditCommandLifetime = auditCommand.ConfigureAwait(false);
            auditCommand.Transaction = transaction;
            auditCommand.CommandText = SqlGovernanceStore.InsertAudit;
            Rows.AddAudit(auditCommand, audit);
            await auditCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static RolloutState Read(DbDataReader reader) =>
        new(Sql.String(reader, "model")!, Sql.String(reader, "target")!, Sql.Int(reader, "step_index")!.Value,
            Enum.Parse<RolloutStatus>(Sql.String(reader, "status")!), Sql.Time(reader, "step_started_at")!.Value)
        {
            Reason = Sql.String(reader, "reason"),
            Version = Sql.Long(reader, "version")!.Value,
        };

    /// <summary>
    /// The audit-log row of a transition: <c>rollout.{action}</c> on the model, by <c>junction</c> (automatic) or the person
    /// (a key id or <c>master</c>; rollout commands need the admin role), with both states and the figures that caused it.
    /// </summary>
    internal static AuditEntry Audit(RolloutTransition transition, DateTimeOffset now) => new()
    {
        At = now,
        Actor = transition.Actor,
        ActorRole = transition.Actor == RolloutStateMachine.System ? "system" : Roles.Admin,
        Action = "rollout." + transition.Action,
        TargetType = "rollout",
        TargetId = transition.To.Model,
        Before = transition.From.Version == 0 ? null : StateJson(transition.From, transition.FromPercent, null),
        After = StateJson(transition.To, transition.ToPercent, transition),
    };

    private static string StateJson(RolloutState state, double? percent, RolloutTransition? transition)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("target", state.Target);
            json.WriteString("status", state.Status.ToString());
            json.WriteNumber("step", state.StepIndex);
            if (percent is { } p)
            {
                json.WriteNumber("percent", p);
            }

            json.WriteNumber("version", state.Version);
            if (state.Reason is { } reason)
            {
                json.WriteString("reason", reason);
            }

            if (transition is not null)
            {
                Side(json, "old", transition.Old);
                Side(json, "new", transition.New);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Side(Utf8JsonWriter json, string name, SideStats stats)
    {
        json.WriteStartObject(name);
        json.WriteNumber("requests", stats.Requests);
        json.WriteNumber("errors", stats.Errors);
        json.WriteNumber("error_rate", Math.Round(stats.ErrorRate, 4));
        if (stats.P95Latency is { } p95)
        {
            json.WriteNumber("p95_ms", Math.Round(p95.TotalMilliseconds, 1));
        }

        json.WriteEndObject();
    }
}
