using System.Data.Common;
using System.Text.Json;
using Junction.Budgets;
using Junction.Migration;
using Junction.Protocol.OpenAI;

namespace Junction.Storage;

/// <summary>
/// Shadow pairs in the governance database (<c>shadow_pairs</c>): each side's status, latency, time to first token,
/// tokens, cost and deployment as columns, the comparisons as JSON, and the outputs (JSON) only when they were kept
/// (<c>logging.store_content</c>).
/// </summary>
internal sealed class SqlShadowStore : IShadowStore
{
    private const string SideColumns = "status, error_kind, latency_us, ttft_us, prompt_tokens, completion_tokens, cost_nanousd, deployment";

    private static readonly string Columns =
        "request_id, at, model, target, " + Prefixed("primary_") + ", " + Prefixed("shadow_") + ", comparisons, content";

    private readonly SqlDialect _dialect;

    public SqlShadowStore(SqlDialect dialect) => _dialect = dialect;

    public async Task AddAsync(ShadowPair pair, CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.CommandText = $"INSERT INTO shadow_pairs ({Columns}) VALUES ({string.Join(", ", Columns.Split(", ").Select(static c => "@" + c))})";
        Sql.Add(command, "request_id", pair.RequestId);
        Sql.Add(command, "at", pair.Time.ToUnixTimeMilliseconds());
        Sql.Add(command, "model", pair.Model);
        Sql.Add(command, "target", pair.Target);
        AddSide(command, "primary_", pair.Primary);
        AddSide(command, "shadow_", pair.Shadow);
        Sql.Add(command, "comparisons", JsonSerializer.Serialize(pair.Comparisons, ShadowJsonContext.Default.ShadowComparisons));
        Sql.Add(command, "content", Content(pair));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ShadowPair>> ListAsync(string model, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.CommandText = $"SELECT {Columns} FROM shadow_pairs WHERE model = @model AND at >= @since ORDER BY id";
        Sql.Add(command, "model", model);
        Sql.Add(command, "since", since.ToUnixTimeMilliseconds());
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerLifetime = reader.ConfigureAwait(false);
        var pairs = new List<ShadowPair>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pairs.Add(Read(reader));
        }

        return pairs;
    }

    private static ShadowPair Read(DbDataReader reader)
    {
        var content = Sql.String(reader, "content") is { } json ? JsonSerializer.Deserialize(json, ShadowJsonContext.Default.ShadowContent) : null;
        return new ShadowPair(Sql.String(reader, "request_id")!, Sql.Time(reader, "at")!.Value, Sql.String(reader, "model")!, Sql.String(reader, "target")!,
            ReadSide(reader, "primary_") with { Text = content?.PrimaryText, ToolCalls = content?.PrimaryToolCalls },
            ReadSide(reader, "shadow_") with { Text = content?.ShadowText, ToolCalls = content?.ShadowToolCalls },
            JsonSerializer.Deserialize(Sql.String(reader, "comparisons")!, ShadowJsonContext.Default.ShadowComparisons) ?? new ShadowComparisons());
    }

    private static void AddSide(DbCommand command, string prefix, ShadowOutcome outcome)
    {
        Sql.Add(command, prefix + "status", outcome.Status);
        Sql.Add(command, prefix + "error_kind", outcome.ErrorKind);
        Sql.Add(command, prefix + "latency_us", Micros(outcome.Latency));
        Sql.Add(command, prefix + "ttft_us", outcome.TimeToFirstToken is { } ttft ? Micros(ttft) : null);
        Sql.Add(command, prefix + "prompt_tokens", outcome.Usage?.PromptTokens);
        Sql.Add(command, prefix + "completion_tokens", outcome.Usage?.CompletionTokens);
        Sql.Add(command, prefix + "cost_nanousd", outcome.CostUsd is { } cost ? Nanos.FromUsd(cost) : null);
        Sql.Add(command, prefix + "deployment", outcome.Deployment);
    }

    private static ShadowOutcome ReadSide(DbDataReader reader, string prefix)
    {
        var prompt = Sql.Int(reader, prefix + "prompt_tokens");
        var completion = Sql.Int(reader, prefix + "completion_tokens");
        return new ShadowOutcome
        {
            Status = Sql.Int(reader, prefix + "status")!.Value,
            ErrorKind = Sql.String(reader, prefix + "error_kind"),
            Latency = TimeSpan.FromMicroseconds(Sql.Long(reader, prefix + "latency_us")!.Value),
            TimeToFirstToken = Sql.Long(reader, prefix + "ttft_us") is { } ttft ? TimeSpan.FromMicroseconds(ttft) : null,
            Usage = prompt is null && completion is null
                ? null
                : new Usage { PromptTokens = prompt ?? 0, CompletionTokens = completion ?? 0, TotalTokens = (prompt ?? 0) + (completion ?? 0) },
            CostUsd = Sql.Long(reader, prefix + "cost_nanousd") is { } nanos ? Nanos.ToUsd(nanos) : null,
            Deployment = Sql.String(reader, prefix + "deployment"),
        };
    }

    private static string? Content(ShadowPair pair) =>
        pair.Primary.Text is null && pair.Primary.ToolCalls is null && pair.Shadow.Text is null && pair.Shadow.ToolCalls is null
            ? null
            : JsonSerializer.Serialize(
                new ShadowContent(pair.Primary.Text, pair.Primary.ToolCalls, pair.Shadow.Text, pair.Shadow.ToolCalls),
                ShadowJsonContext.Default.ShadowContent);

    private static long Micros(TimeSpan time) => time.Ticks / TimeSpan.TicksPerMicrosecond;

    private static string Prefixed(string prefix) => string.Join(", ", SideColumns.Split(", ").Select(c => prefix + c));
}
