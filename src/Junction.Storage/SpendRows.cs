using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Junction.Spend;

namespace Junction.Storage;

/// <summary>Maps <see cref="SpendRecord"/>s to <c>spend_logs</c> parameters and back; the columns are the same in both dialects.</summary>
internal static class SpendRows
{
    public static readonly string[] Columns =
    [
        "id", "request_id", "at", "key_id", "team_id", "user_id", "operation", "model", "deployment", "provider", "status", "error_code",
        "attempts", "streamed", "prompt_tokens", "completion_tokens", "cached_tokens", "cost_nanousd", "unpriced", "usage_estimated",
        "latency_ms", "ttft_ms", "cache_hit", "metadata", "prompt", "completion",
    ];

    public static readonly string ColumnList = string.Join(", ", Columns);

    /// <summary>Sets up a single-row insert (<c>ON CONFLICT (id) DO NOTHING</c>, so replays are idempotent) with one parameter per column.</summary>
    public static void PrepareInsert(DbCommand command)
    {
        command.CommandText = $"INSERT INTO spend_logs ({ColumnList}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))}) ON CONFLICT (id) DO NOTHING";
        foreach (var column in Columns)
        {
            Sql.Add(command, column, null);
        }
    }

    /// <summary>Binds a row to a command made by <see cref="PrepareInsert"/> (parameters by position: no name lookups).</summary>
    public static void Bind(DbCommand command, SpendRecord r)
    {
        var values = Values(r);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static object?[] Values(SpendRecord r) =>
        [
            r.Id, r.RequestId, r.At.ToUnixTimeMilliseconds(), r.KeyId, r.TeamId, r.UserId, r.Operation, r.Model, r.Deployment, r.Provider,
            r.Status, r.ErrorCode, r.Attempts, Flag(r.Streamed), (long)r.PromptTokens, (long)r.CompletionTokens, (long)r.CachedTokens, r.CostNanos,
            Flag(r.Unpriced), Flag(r.UsageEstimated), r.LatencyMs, r.TimeToFirstTokenMs, Flag(r.CacheHit),
            r.Metadata is { Count: > 0 } m ? JsonSerializer.Serialize(new Dictionary<string, string>(m, StringComparer.Ordinal), SpendJsonContext.Default.DictionaryStringString) : null,
            r.Prompt, r.Completion,
        ];

    public static SpendRecord Read(DbDataReader reader)
    {
        var metadata = Sql.String(reader, "metadata");
        return new SpendRecord
        {
            Id = Sql.String(reader, "id")!,
            RequestId = Sql.String(reader, "request_id")!,
            At = Sql.Time(reader, "at")!.Value,
            KeyId = Sql.String(reader, "key_id"),
            TeamId = Sql.String(reader, "team_id"),
            UserId = Sql.String(reader, "user_id"),
            Operation = Sql.String(reader, "operation")!,
            Model = Sql.String(reader, "model"),
            Deployment = Sql.String(reader, "deployment"),
            Provider = Sql.String(reader, "provider"),
            Status = Sql.Int(reader, "status") ?? 0,
            ErrorCode = Sql.String(reader, "error_code"),
            Attempts = Sql.Int(reader, "attempts") ?? 0,
            Streamed = Sql.Long(reader, "streamed") == 1,
            PromptTokens = Sql.Int(reader, "prompt_tokens") ?? 0,
            CompletionTokens = Sql.Int(reader, "completion_tokens") ?? 0,
            CachedTokens = Sql.Int(reader, "cached_tokens") ?? 0,
            CostNanos = Sql.Long(reader, "cost_nanousd") ?? 0,
            Unpriced = Sql.Long(reader, "unpriced") == 1,
            UsageEstimated = Sql.Long(reader, "usage_estimated") == 1,
            LatencyMs = Double(reader, "latency_ms") ?? 0,
            TimeToFirstTokenMs = Double(reader, "ttft_ms"),
            CacheHit = Sql.Long(reader, "cache_hit") == 1,
            Metadata = metadata is null ? null : JsonSerializer.Deserialize(metadata, SpendJsonContext.Default.DictionaryStringString),
            Prompt = Sql.String(reader, "prompt"),
            Completion = Sql.String(reader, "completion"),
        };
    }

    private static int Flag(bool value) => value ? 1 : 0;

    private static double? Double(DbDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
    }
}
