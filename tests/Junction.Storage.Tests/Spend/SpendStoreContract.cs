using Junction.Spend;
using Microsoft.Extensions.Logging.Abstractions;
using static Junction.Storage.Tests.Spend.TestSpendRows;

namespace Junction.Storage.Tests.Spend;

/// <summary>The spend store and writer on a real database; SQLite and PostgreSQL run the same tests.</summary>
public abstract class SpendStoreContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected readonly string OutboxDir = Directory.CreateTempSubdirectory("junction-outbox-").FullName;

    /// <summary>A migrated, empty store.</summary>
    protected abstract Task<ISpendStore> CreateStoreAsync();

    private static async Task<List<SpendRecord>> AllAsync(ISpendStore store)
    {
        var rows = new List<SpendRecord>();
        SpendCursor? cursor = null;
        while (true)
        {
            var page = await store.QueryLogsAsync(new SpendLogQuery { After = cursor, Limit = 100 }, Ct);
            rows.AddRange(page);
            if (page.Count < 100)
            {
                return rows;
            }

            cursor = SpendCursor.Of(page[^1]);
        }
    }

    private SpendLogWriter Writer(ISpendStore store, string outbox) =>
        new(store, new SpendLogOptions { OutboxPath = Path.Combine(OutboxDir, outbox), FlushInterval = TimeSpan.FromMilliseconds(20), RetryMin = TimeSpan.FromMilliseconds(20), RetryMax = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System, NullLogger<SpendLogWriter>.Instance);

    [Fact]
    public async Task Insert_IsIdempotentOnId_AndRoundTrips()
    {
        await using var store = await CreateStoreAsync();
        var row = Row(1, metadata: new Dictionary<string, string> { ["tenant"] = "acme" }) with { TimeToFirstTokenMs = 80.25, Unpriced = true, UsageEstimated = true, Prompt = "p", Completion = "c" };
        await store.InsertAsync([row], Ct);
        await store.InsertAsync([row, Row(2)], Ct);
        var rows = await AllAsync(store);
        Assert.Equal(2, rows.Count);
        var read = rows.Single(r => r.Id == row.Id);
        Assert.Equal(row.At, read.At);
        Assert.Equal("acme", read.Metadata!["tenant"]);
        Assert.Equal(row with { Metadata = read.Metadata }, read);
    }

    [Fact]
    public async Task Summarize_GroupsByTeamModelTagAndDay()
    {
        await using var store = await CreateStoreAsync();
        var rows = Enumerable.Range(0, 10).Select(i => Row(i, team: i < 6 ? "team-a" : "team-b", model: i % 2 == 0 ? "gpt-4o" : "o3",
            metadata: i < 4 ? new Dictionary<string, string> { ["tenant"] = "acme" } : null, status: i == 9 ? 429 : 200)).ToList();
        await store.InsertAsync(rows, Ct);
        var window = new SpendQuery { By = SpendGroupings.Team, Since = Start.AddDays(-1), Until = Start.AddDays(1) };

        var byTeam = await store.SummarizeAsync(window, Ct);
        var a = byTeam.Single(r => r.Group == "team-a");
        Assert.Equal(6, a.Requests);
        Assert.Equal(rows.Take(6).Sum(r => (long)r.PromptTokens), a.PromptTokens);
        Assert.Equal(rows.Take(6).Sum(r => r.CostNanos), a.CostNanos);
        Assert.Equal(1, byTeam.Single(r => r.Group == "team-b").Errors);

        var byTag = await store.SummarizeAsync(window with { By = "tag:tenant" }, Ct);
        Assert.Equal(4, byTag.Single(r => r.Group == "acme").Requests);
        Assert.Equal(6, byTag.Single(r => r.Group is null).Requests);

        var byDay = await store.SummarizeAsync(window with { By = SpendGroupings.Day }, Ct);
        Assert.Equal("2025-06-01", Assert.Single(byDay).Group);

        var onlyB = await store.SummarizeAsync(window with { By = SpendGroupings.Model, TeamId = "team-b" }, Ct);
        Assert.Equal(4, onlyB.Sum(r => r.Requests));
    }

    [Fact]
    public async Task QueryLogs_FiltersAndPagesNewestFirst()
    {
        await using var store = await CreateStoreAsync();
        await store.InsertAsync([.. Enumerable.Range(0, 25).Select(i => Row(i, model: i % 5 == 0 ? "o3" : "gpt-4o"))], Ct);
        var first = await store.QueryLogsAsync(new SpendLogQuery { Model = "gpt-4o", Limit = 7 }, Ct);
        Assert.Equal("row-000024", first[0].Id);
        var second = await store.QueryLogsAsync(new SpendLogQuery { Model = "gpt-4o", Limit = 100, After = SpendCursor.Of(first[^1]) }, Ct);
        Assert.Equal(20, first.Count + second.Count);
        Assert.Empty(first.Select(r => r.Id).Intersect(second.Select(r => r.Id)));
        Assert.Equal(5, (await store.QueryLogsAsync(new SpendLogQuery { Model = "o3", Since = Start, Until = Start.AddHours(1) }, Ct)).Count);
    }

    [Fact]
    public async Task Writer_StopUnderLoad_WritesEveryRow()
    {
        await using var store = await CreateStoreAsync();
        var writer = Writer(store, "load.outbox");
        writer.Start();
        await Parallel.ForAsync(0, 1500, Ct, (i, _) =>
        {
            Assert.True(writer.TryAdd(Row(i)));
            return ValueTask.CompletedTask;
        });
        await writer.StopAsync(Ct);
        Assert.Equal(1500, (await AllAsync(store)).Count);
        Assert.Equal(0, writer.Pending);
        Assert.Equal(0, new FileInfo(Path.Combine(OutboxDir, "load.outbox")).Length);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Writer_HardKillWhileDatabaseDown_OutboxReplaysEveryRowAtNextStart()
    {
        var down = new FailingStore();
        var killed = Writer(down, "kill.outbox");
        killed.Start();
        for (var i = 0; i < 120; i++)
        {
            Assert.True(killed.TryAdd(Row(i)));
        }

        // Acknowledged = in the outbox: wait until every row has been appended (the writer retries the database meanwhile).
        var outbox = Path.Combine(OutboxDir, "kill.outbox");
        while (File.ReadAllLines(outbox).Length < 120 || killed.Retried < 120)
        {
            await Task.Delay(10, Ct);
        }

        await killed.AbandonAsync();

        await using var store = await CreateStoreAsync();
        await store.InsertAsync([Row(3)], Ct); // one row had reached the database before the kill: the replay must not duplicate it
        var next = Writer(store, "kill.outbox");
        next.Start();
        Assert.Equal(120, next.Replayed);
        await next.FlushAsync(Ct);
        Assert.Equal(120, (await AllAsync(store)).Count);
        await next.DisposeAsync();
        Assert.Equal(0, new FileInfo(outbox).Length);
    }

    [Fact]
    public async Task Writer_DatabaseFailing_NeverBlocksAndRetriesUntilItRecovers()
    {
        await using var real = await CreateStoreAsync();
        var flaky = new FlakyStore(real) { Down = true };
        var writer = Writer(flaky, "flaky.outbox");
        writer.Start();
        for (var i = 0; i < 200; i++)
        {
            Assert.True(writer.TryAdd(Row(i)));
        }

        while (writer.FailedWrites < 2)
        {
            await Task.Delay(10, Ct);
        }

        flaky.Down = false;
        await writer.FlushAsync(Ct);
        Assert.Equal(200, (await AllAsync(real)).Count);
        Assert.True(writer.Retried >= 200);
        Assert.Equal(0, writer.Dropped);
        await writer.DisposeAsync();
    }

    private sealed class FlakyStore(ISpendStore inner) : ISpendStore
    {
        public volatile bool Down;

        public Task InsertAsync(IReadOnlyList<SpendRecord> rows, CancellationToken cancellationToken) =>
            Down ? throw new InvalidOperationException("down") : inner.InsertAsync(rows, cancellationToken);

        public Task<IReadOnlyList<SpendSummaryRow>> SummarizeAsync(SpendQuery query, CancellationToken cancellationToken) => inner.SummarizeAsync(query, cancellationToken);

        public Task<IReadOnlyList<SpendRecord>> QueryLogsAsync(SpendLogQuery query, CancellationToken cancellationToken) => inner.QueryLogsAsync(query, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
