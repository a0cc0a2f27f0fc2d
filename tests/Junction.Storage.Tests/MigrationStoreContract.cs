using Junction.Keys;
using Junction.Migration;
using Junction.Protocol.OpenAI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Storage.Tests;

/// <summary>Shadow pairs and rollout state (migration 0003): the behaviour both dialects must have, on a real database.</summary>
public abstract class MigrationStoreContract
{
    private static readonly DateTimeOffset Start = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The migration stores and the governance store (for the audit log) on one fresh, migrated database.</summary>
    protected abstract Task<(SqlMigrationStorage Storage, IGovernanceStore Governance)> CreateAsync(FakeTimeProvider clock);

    /// <summary>A second set of stores on the same database: another instance.</summary>
    protected abstract SqlMigrationStorage Reopen(SqlMigrationStorage storage, FakeTimeProvider clock);

    private static RolloutPolicy Policy => new("claude-sonnet", [10, 50, 100], TimeSpan.FromMinutes(5), 3) { ErrorRateAbove = 0.1 };

    [Fact]
    public async Task RolloutState_CompareAndSet_InsertOnceThenUpdateOnlyFromTheExpectedVersion()
    {
        var clock = new FakeTimeProvider(Start);
        var (storage, governance) = await CreateAsync(clock);
        await using var _ = storage;
        await using var __ = governance;
        var ct = TestContext.Current.CancellationToken;
        var store = storage.Rollouts;
        Assert.Null(await store.GetAsync("gpt-4o", ct));

        var first = RolloutState.Start("gpt-4o", Policy, Start) with { Version = 1 };
        Assert.True(await store.TrySaveAsync(first, 0, ct));
        Assert.False(await store.TrySaveAsync(first with { Reason = "second start" }, 0, ct));
        Assert.Equal(first, await store.GetAsync("gpt-4o", ct));

        var promoted = first with { StepIndex = 1, StepStartedAt = Start.AddMinutes(6), Reason = "healthy", Version = 2 };
        Assert.True(await store.TrySaveAsync(promoted, 1, ct));
        Assert.False(await store.TrySaveAsync(promoted with { Status = RolloutStatus.RolledBack, Version = 2 }, 1, ct));
        Assert.Equal(promoted, await store.GetAsync("gpt-4o", ct));
    }

    [Fact]
    public async Task RolloutState_TwoInstancesRace_ExactlyOneWins()
    {
        var clock = new FakeTimeProvider(Start);
        var (storage, governance) = await CreateAsync(clock);
        await using var _ = storage;
        await using var __ = governance;
        await using var other = Reopen(storage, clock);
        var ct = TestContext.Current.CancellationToken;
        var state = RolloutState.Start("gpt-4o", Policy, Start) with { Version = 1 };
        Assert.True(await storage.Rollouts.TrySaveAsync(state, 0, ct));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? storage : other).Rollouts.TrySaveAsync(state with { StepIndex = 1, Version = 2, Reason = $"instance {i}" }, 1, ct)));
        Assert.Equal(1, results.Count(static r => r));
        Assert.Equal(2, (await other.Rollouts.GetAsync("gpt-4o", ct))!.Version);
    }

    [Fact]
    public async Task RolloutTransition_IsWrittenToTheAuditLogWithItsFigures()
    {
        var clock = new FakeTimeProvider(Start);
        var (storage, governance) = await CreateAsync(clock);
        await using var _ = storage;
        await using var __ = governance;
        var ct = TestContext.Current.CancellationToken;
        var transitions = new List<RolloutTransition>();
        await using (var manager = new RolloutManager([("gpt-4o", Policy)], storage.Rollouts, clock, new FixedRandom(), NullLogger.Instance, transitions.Add))
        {
            await manager.StartAsync(ct);
            await manager.CommandAsync("gpt-4o", "promote", "key_ops", ct);
            var context = new Routing.RequestContext("req-1") { Model = "gpt-4o", InRollout = true, RolloutTarget = "claude-sonnet" };
            for (var i = 0; i < 5; i++)
            {
                manager.Record(context, success: i < 2, TimeSpan.FromMilliseconds(100));
            }

            Assert.Equal("rollback", Assert.Single(await manager.EvaluateAsync(ct)).Action);
        }

        Assert.Equal(["start", "promote", "rollback"], transitions.Select(t => t.Action));
        var audit = await governance.QueryAuditAsync(new AuditQuery { TargetId = "gpt-4o", Limit = 10 }, ct);
        Assert.Equal(["rollout.rollback", "rollout.promote", "rollout.start"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("rollout", a.TargetType));
        Assert.Equal(("junction", "system"), (audit[0].Actor, audit[0].ActorRole));
        Assert.Equal(("key_ops", Roles.Admin), (audit[1].Actor, audit[1].ActorRole));

        using var after = System.Text.Json.JsonDocument.Parse(audit[0].After!);
        Assert.Equal("RolledBack", after.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, after.RootElement.GetProperty("percent").GetDouble());
        Assert.Equal(5, after.RootElement.GetProperty("new").GetProperty("requests").GetInt64());
        Assert.Equal(3, after.RootElement.GetProperty("new").GetProperty("errors").GetInt64());
        Assert.Contains("error rate 60.0 %", after.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var before = System.Text.Json.JsonDocument.Parse(audit[0].Before!);
        Assert.Equal(50, before.RootElement.GetProperty("percent").GetDouble());
        Assert.Null(audit[2].Before);
    }

    [Fact]
    public async Task RolloutManager_NewInstanceOnTheSameDatabase_KeepsTheState()
    {
        var clock = new FakeTimeProvider(Start);
        var (storage, governance) = await CreateAsync(clock);
        await using var _ = storage;
        await using var __ = governance;
        var ct = TestContext.Current.CancellationToken;
        await using (var first = new RolloutManager([("gpt-4o", Policy)], storage.Rollouts, clock, new FixedRandom(), NullLogger.Instance))
        {
            await first.StartAsync(ct);
            await first.CommandAsync("gpt-4o", "promote", "master", ct);
            await first.CommandAsync("gpt-4o", "pause", "master", ct);
        }

        await using var reopened = Reopen(storage, clock);
        await using var second = new RolloutManager([("gpt-4o", Policy)], reopened.Rollouts, clock, new FixedRandom(), NullLogger.Instance);
        await second.StartAsync(ct);
        var view = Assert.Single(second.Status());
        Assert.Equal((1, RolloutStatus.Paused, 50d), (view.State.StepIndex, view.State.Status, view.Percent));
    }

    [Fact]
    public async Task ShadowPairs_RoundTripFiguresComparisonsAndContent_FilteredByModelAndTime()
    {
        var clock = new FakeTimeProvider(Start);
        var (storage, governance) = await CreateAsync(clock);
        await using var _ = storage;
        await using var __ = governance;
        var ct = TestContext.Current.CancellationToken;
        var primary = new ShadowOutcome
        {
            Latency = TimeSpan.FromMilliseconds(123.456),
            TimeToFirstToken = TimeSpan.FromMilliseconds(45.5),
            Usage = new Usage { PromptTokens = 10, CompletionTokens = 5, TotalTokens = 15 },
            CostUsd = 0.000125m,
            Deployment = "openai-east",
            Text = "Paris.",
            ToolCalls = [new ToolCall { Id = "call_1", Type = "function", Function = new FunctionCall { Name = "lookup", Arguments = "{\"city\":\"Paris\"}" } }],
        };
        var shadow = new ShadowOutcome { Status = 429, ErrorKind = "RateLimited", Latency = TimeSpan.FromMilliseconds(20) };
        var comparisons = new ShadowComparisons { TextExact = false, TextSimilarity = 0.75, JsonBothParse = true, ToolCallsEquivalent = false };
        var pair = new ShadowPair("req-1", Start, "gpt-4o", "claude-sonnet", primary, shadow, comparisons);
        await storage.Shadows.AddAsync(pair, ct);
        await storage.Shadows.AddAsync(pair with { RequestId = "req-old", Time = Start.AddHours(-2) }, ct);
        await storage.Shadows.AddAsync(pair with { RequestId = "req-other", Model = "gpt-4o-mini" }, ct);
        await storage.Shadows.AddAsync(pair with { RequestId = "req-2", Primary = primary with { Text = null, ToolCalls = null } }, ct);

        var pairs = await storage.Shadows.ListAsync("gpt-4o", Start.AddHours(-1), ct);
        Assert.Equal(["req-1", "req-2"], pairs.Select(p => p.RequestId));
        var read = pairs[0];
        Assert.Equal((Start, "claude-sonnet"), (read.Time, read.Target));
        Assert.Equal(comparisons, read.Comparisons);
        Assert.Equal(primary.Latency, read.Primary.Latency);
        Assert.Equal(primary.TimeToFirstToken, read.Primary.TimeToFirstToken);
        Assert.Equal((10, 5, 15), (read.Primary.Usage!.PromptTokens, read.Primary.Usage.CompletionTokens, read.Primary.Usage.TotalTokens));
        Assert.Equal(0.000125m, read.Primary.CostUsd);
        Assert.Equal(("openai-east", "Paris."), (read.Primary.Deployment, read.Primary.Text));
        Assert.Equal("{\"city\":\"Paris\"}", Assert.Single(read.Primary.ToolCalls!).Function!.Arguments);
        Assert.Equal((429, "RateLimited", (Usage?)null, (decimal?)null), (read.Shadow.Status, read.Shadow.ErrorKind, read.Shadow.Usage, read.Shadow.CostUsd));
        Assert.Null(pairs[1].Primary.Text);
        Assert.Null(pairs[1].Primary.ToolCalls);
    }

    private sealed class FixedRandom : Routing.IRandomSource
    {
        public double NextDouble() => 0.5;
    }
}
