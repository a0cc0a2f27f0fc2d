using System.Data.Common;
using System.Globalization;
using System.Text;
using Junction.Spend;

namespace Junction.Storage;

/// <summary>
/// <see cref="ISpendStore"/> over plain ADO.NET, portable between SQLite and PostgreSQL: multi-row inserts with
/// <c>ON CONFLICT (id) DO NOTHING</c> (so replays are idempotent), grouped summaries and keyset-paged log reads.
/// </summary>
internal sealed class SqlSpendStore : ISpendStore
{
    private const long DayMs = 86_400_000;
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _timeProvider;

    public SqlSpendStore(SqlDialect dialect, TimeProvider timeProvider)
    {
        _dialect = dialect;
        _timeProvider = timeProvider;
    }

    /// <summary>Applies pending migrations (the same ones the governance store applies).</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) =>
        MigrationRunner.MigrateAsync(_dialect, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);

    public async Task InsertAsync(IReadOnlyList<SpendRecord> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);

        // One prepared single-row statement per table, re-bound for every row, in one transaction: constant work per row.
        // (A multi-row VALUES list looks cheaper but binds thousands of named parameters, which costs quadratic time.)
        var insert = connection.CreateCommand();
        await using var insertLifetime = insert.ConfigureAwait(false);
        insert.Transaction = transaction;
        SpendRows.PrepareInsert(insert);
        await insert.PrepareAsync(cancellationToken).ConfigureAwait(false);
        DbCommand? tagInsert = null;
        try
        {
            foreach (var row in rows)
            {
                SpendRows.Bind(insert, row);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                foreach (var (name, value) in row.Metadata ?? EmptyTags)
                {
                    tagInsert ??= CreateTagInsert(connection, transaction);
                    tagInsert.Parameters[0].Value = row.Id;
                    tagInsert.Parameters[1].Value = name;
                    tagInsert.Parameters[2].Value = value;
                    tagInsert.Parameters[3].Value = row.At.ToUnixTimeMilliseconds();
                    await tagInsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (tagInsert is not null)
            {
                await tagInsert.DisposeAsync().ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    private static DbCommand CreateTagInsert(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO spend_tags (spend_id, name, value, at) VALUES (@s, @n, @v, @a) ON CONFLICT (spend_id, name) DO NOTHING";
        Sql.Add(command, "s", null);
        Sql.Add(command, "n", null);
        Sql.Add(command, "v", null);
        Sql.Add(command, "a", null);
        return command;
    }

    public async Task<IReadOnlyList<SpendSummaryRow>> SummarizeAsync(SpendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!SpendGroupings.IsValid(query.By))
        {
            throw new ArgumentException($"Unknown grouping '{query.By}'.", nameof(query));
        }

        var isDay = query.By == SpendGroupings.Day;
        var tag = query.By.StartsWith(SpendGroupings.TagPrefix, StringComparison.Ordinal) ? query.By[SpendGroupings.TagPrefix.Length..] : null;
        var group = query.By switch
        {
            SpendGroupings.Key => "s.key_id",
            SpendGroupings.Team => "s.team_id",
            SpendGroupings.User => "s.user_id",
            SpendGroupings.Model => "s.model",
            SpendGroupings.Provider => "s.provider",
            SpendGroupings.Deployment => "s.deployment",
            SpendGroupings.Day => $"(s.at / {DayMs})",
            _ => "t.value",
        };
        var sql = new StringBuilder($"SELECT {group} AS grp, COUNT(*) AS requests, ");
        sql.Append("SUM(CASE WHEN s.status >= 400 THEN 1 ELSE 0 END) AS errors, SUM(s.prompt_tokens) AS prompt_tokens, ")
            .Append("SUM(s.completion_tokens) AS completion_tokens, SUM(s.cached_tokens) AS cached_tokens, SUM(s.cost_nanousd) AS cost_nanousd, ")
            .Append("SUM(s.unpriced) AS unpriced FROM spend_logs s ");
        if (tag is not null)
        {
            sql.Append("LEFT JOIN spend_tags t ON t.spend_id = s.id AND t.name = @tag ");
        }

        sql.Append("WHERE s.at >= @since AND s.at < @until");
        if (query.TeamId is not null)
        {
            sql.Append(" AND s.team_id = @team_id");
        }

        sql.Append(CultureInfo.InvariantCulture, $" GROUP BY {group} ORDER BY ").Append(isDay ? "grp" : "cost_nanousd DESC, requests DESC");
        return await ReadManyAsync(sql.ToString(), c =>
        {
            Sql.Add(c, "tag", tag);
            Sql.Add(c, "since", query.Since.ToUnixTimeMilliseconds());
            Sql.Add(c, "until", query.Until.ToUnixTimeMilliseconds());
            Sql.Add(c, "team_id", query.TeamId);
        }, r => new SpendSummaryRow
        {
            Group = isDay
                ? Sql.Long(r, "grp") is { } day ? DateTimeOffset.FromUnixTimeMilliseconds(day * DayMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null
                : r.IsDBNull(r.GetOrdinal("grp")) ? null : Convert.ToString(r.GetValue(r.GetOrdinal("grp")), CultureInfo.InvariantCulture),
            Requests = Sql.Long(r, "requests") ?? 0,
            Errors = Sql.Long(r, "errors") ?? 0,
            PromptTokens = Sql.Long(r, "prompt_tokens") ?? 0,
            CompletionTokens = Sql.Long(r, "completion_tokens") ?? 0,
            CachedTokens = Sql.Long(r, "cached_tokens") ?? 0,
            CostNanos = Sql.Long(r, "cost_nanousd") ?? 0,
            UnpricedRequests = Sql.Long(r, "unpriced") ?? 0,
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SpendRecord>> QueryLogsAsync(SpendLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {SpendRows.ColumnList} FROM spend_logs WHERE 1 = 1");
        var filters = new (string Column, object? Value)[]
        {
            ("model", query.Model), ("key_id", query.KeyId), ("team_id", query.TeamId), ("user_id", query.UserId),
            ("provider", query.Provider), ("status", query.Status),
        };
        foreach (var (column, value) in filters)
        {
            if (value is not null)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND {column} = @{column}");
            }
        }

        if (query.Since is not null)
        {
            sql.Append(" AND at >= @since");
        }

        if (query.Until is not null)
        {
            sql.Append(" AND at < @until");
        }

        if (query.After is not null)
        {
            sql.Append(" AND (at < @cursor_at OR (at = @cursor_at AND id < @cursor_id))");
        }

        sql.Append(" ORDER BY at DESC, id DESC LIMIT @limit");
        return ReadManyAsync(sql.ToString(), c =>
        {
            foreach (var (column, value) in filters)
            {
                if (value is not null)
                {
                    Sql.Add(c, column, value);
                }
            }

            if (query.Since is { } since)
            {
                Sql.Add(c, "since", since.ToUnixTimeMilliseconds());
            }

            if (query.Until is { } until)
            {
                Sql.Add(c, "until", until.ToUnixTimeMilliseconds());
            }

            if (query.After is { } after)
            {
                Sql.Add(c, "cursor_at", after.AtMs);
                Sql.Add(c, "cursor_id", after.Id);
            }

            Sql.Add(c, "limit", query.Limit);
        }, SpendRows.Read, cancellationToken);
    }

    public ValueTask DisposeAsync() => _dialect is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    private Task<IReadOnlyList<T>> ReadManyAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        Sql.ReadManyAsync(_dialect, sql, bind, read, cancellationToken);
}
