using Junction.Spend;

namespace Junction.Storage.Tests.Spend;

/// <summary>Spend rows for tests, and a store that always fails (a database that is down).</summary>
internal static class TestSpendRows
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static SpendRecord Row(int i, string? team = "team-a", string model = "gpt-4o", IReadOnlyDictionary<string, string>? metadata = null, int status = 200) => new()
    {
        Id = $"row-{i:D6}",
        RequestId = $"req-{i}",
        At = Start.AddMinutes(i),
        KeyId = "key-" + (i % 3),
        TeamId = team,
        UserId = "user-" + (i % 2),
        Operation = "chat",
        Model = model,
        Deployment = model + "/0",
        Provider = "openai",
        Status = status,
        Attempts = 1,
        PromptTokens = 100 + i,
        CompletionTokens = 10 + i,
        CachedTokens = i % 2 == 0 ? 50 : 0,
        CostNanos = 1_000 * (i + 1),
        LatencyMs = 12.5,
        Metadata = metadata,
    };

    public sealed class FailingStore : ISpendStore
    {
        public int Calls;

        public Task InsertAsync(IReadOnlyList<SpendRecord> rows, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("database is down");
        }

        public Task<IReadOnlyList<SpendSummaryRow>> SummarizeAsync(SpendQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<SpendRecord>> QueryLogsAsync(SpendLogQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
